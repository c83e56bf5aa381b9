package dev.ghillie.preview.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fake application on disk: compiled classes and resources in one folder (as Maven leaves them) and three kinds of jars. */
record TestApp(Path classes, Path releaseJar, Path snapshotJar, Path projectJar) {

    static final String MAIN_CLASS = "dev.ghillie.runtime.Main";

    static TestApp create(Path directory) throws IOException {
        Path classes = Files.createDirectories(directory.resolve("classes"));
        Files.createDirectories(classes.resolve("dev/ghillie/runtime"));
        Files.write(classes.resolve("dev/ghillie/runtime/Main.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 1});
        Files.write(classes.resolve("dev/ghillie/runtime/Routes.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 2});
        Files.writeString(classes.resolve("dev/ghillie/runtime/build.properties"), "version=1.0\n");
        Path libs = Files.createDirectories(directory.resolve("libs"));
        return new TestApp(
                classes,
                Files.writeString(libs.resolve("lib-a-1.0.jar"), "release jar"),
                Files.writeString(libs.resolve("lib-b-1.0-SNAPSHOT.jar"), "snapshot jar"),
                Files.writeString(libs.resolve("sibling-0.1.0-SNAPSHOT.jar"), "reactor jar"));
    }

    /** The edit a developer makes between two builds: one class changes. */
    void changeOneClass() throws IOException {
        Files.write(classes.resolve("dev/ghillie/runtime/Routes.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 3});
    }

    ImageSettings.Builder settings(Path baseTar, Path output) {
        return ImageSettings.builder()
                .baseImage("tar://" + baseTar)
                .imageName("ghillie-runtime")
                .tag("latest")
                .version("1.0")
                .mainClass(MAIN_CLASS)
                .title("ghillie-runtime")
                .revision("0123456789abcdef")
                .source("https://example.com/ghillie")
                .creationTime("2026-01-01T00:00:00Z")
                .classesDirectory(classes)
                .addDependency(releaseJar, AppDependency.Kind.RELEASE)
                .addDependency(snapshotJar, AppDependency.Kind.SNAPSHOT)
                .addDependency(projectJar, AppDependency.Kind.PROJECT)
                .outputDirectory(output)
                .baseImageCache(output.resolve("base-cache"));
    }
}
