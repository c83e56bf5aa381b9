package dev.ghillie.preview.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The real ghillie-runtime as the reactor built it ({@code target/classes}, {@code target/libs}), to put into images. */
record BuiltRuntime(Path target) {

    static BuiltRuntime fromReactor() {
        return new BuiltRuntime(Path.of(System.getProperty("ghillie.runtime.target", "../ghillie-runtime/target")));
    }

    boolean isBuilt() {
        return Files.isDirectory(target.resolve("classes")) && Files.isDirectory(target.resolve("libs"));
    }

    Path classes() {
        return target.resolve("classes");
    }

    /** Settings for the runtime's image on a tar base, with {@code classes} (the built ones or a copy) and every lib jar. */
    ImageSettings.Builder imageOn(Path baseTar, Path classes, Path output, String version) {
        ImageSettings.Builder settings = ImageSettings.builder()
                .baseImage("tar://" + baseTar)
                .imageName("ghillie-runtime")
                .version(version)
                .mainClass("dev.ghillie.runtime.Main")
                .creationTime("EPOCH")
                .classesDirectory(classes)
                .outputDirectory(output)
                .baseImageCache(output.resolve("base-cache"));
        try (Stream<Path> libs = Files.list(target.resolve("libs"))) {
            libs.sorted().forEach(jar -> settings.addDependency(jar, AppDependency.Kind.RELEASE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return settings;
    }
}
