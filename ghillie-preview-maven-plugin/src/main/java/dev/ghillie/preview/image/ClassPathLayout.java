package dev.ghillie.preview.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path of an image with a startup cache, file by file, the same in the image and in the training run.
 * The JVM's class-data sharing accepts only jars on the class path (a non-empty class folder stops the cache
 * from being written) and checks each jar's path order, size and modification time. So the module's classes and
 * resources go into one jar, every file gets the one fixed time {@link #FILE_TIME}, and the class path lists the
 * jars one by one instead of {@code /app/libs/*}, whose order is the directory's.
 *
 * @param entries in class path order: the module's own jar first, then its dependencies in Maven's order
 */
public record ClassPathLayout(List<Entry> entries) {

    /** What Jib gives every file by default; the training copies get the same. */
    public static final Instant FILE_TIME = Instant.ofEpochSecond(1);

    public static final String APP_JAR = "app.jar";
    public static final String LIBS = "libs";

    /** What goes into which layer, named as Jib names its layers: releases lowest (they change least), the module's jar on top. */
    public enum Layer {
        RELEASE("dependencies"),
        SNAPSHOT("snapshot dependencies"),
        PROJECT("project dependencies"),
        APP("application");

        private final String layerName;

        Layer(String layerName) {
            this.layerName = layerName;
        }

        public String layerName() {
            return layerName;
        }
    }

    /**
     * @param source    the file on the build machine
     * @param relative  its path under the application root ({@code /app} in the image)
     */
    public record Entry(Path source, String relative, Layer layer) {}

    public ClassPathLayout {
        entries = List.copyOf(entries);
    }

    /** Writes the module's jar from {@code classes} to {@code appJar} and lays out the dependencies after it. */
    public static ClassPathLayout write(Path classes, List<AppDependency> dependencies, Path appJar)
            throws IOException {
        AppJar.write(classes, appJar);
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(appJar, APP_JAR, Layer.APP));
        Set<String> names = new HashSet<>();
        for (AppDependency dependency : dependencies) {
            String name = dependency.jar().getFileName().toString();
            String unique = name;
            for (int n = 2; !names.add(unique); n++) {
                unique = name.replaceFirst("(\\.jar)?$", "-" + n + "$1");
            }
            entries.add(new Entry(dependency.jar(), LIBS + "/" + unique, layerOf(dependency.kind())));
        }
        return new ClassPathLayout(entries);
    }

    /** The {@code -cp} value for the application root {@code root}. */
    public String classPath(String root) {
        String base = root.endsWith("/") ? root : root + "/";
        return String.join(
                ":", entries.stream().map(entry -> base + entry.relative()).toList());
    }

    /** Copies every file under {@code root} with the image's modification time, as the training run needs them. */
    public void copyTo(Path root) throws IOException {
        for (Entry entry : entries) {
            Path target = root.resolve(entry.relative());
            Files.createDirectories(target.getParent());
            Files.copy(entry.source(), target, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(target, FileTime.from(FILE_TIME));
        }
    }

    public List<Entry> inLayer(Layer layer) {
        return entries.stream().filter(entry -> entry.layer() == layer).toList();
    }

    private static Layer layerOf(AppDependency.Kind kind) {
        return switch (kind) {
            case RELEASE -> Layer.RELEASE;
            case SNAPSHOT -> Layer.SNAPSHOT;
            case PROJECT -> Layer.PROJECT;
        };
    }
}
