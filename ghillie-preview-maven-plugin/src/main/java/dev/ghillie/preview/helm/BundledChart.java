package dev.ghillie.preview.helm;

import dev.ghillie.preview.PreviewException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ghillie chart the plugin carries in its jar, copied there from the repository's
 * {@code charts/ghillie} when the plugin is built: what a service without a chart of its own is
 * deployed with. Helm needs a directory, so it is extracted to one before use.
 */
public final class BundledChart {

    /** Where the build puts the chart inside the plugin (see the plugin's POM, bundled-chart). */
    static final String RESOURCE = "dev/ghillie/preview/charts/ghillie";

    private final ClassLoader loader;

    public BundledChart() {
        this(BundledChart.class.getClassLoader());
    }

    BundledChart(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * Writes the chart into {@code dir}, replacing what an earlier extraction left there (a newer
     * plugin may have dropped a template), and returns {@code dir}.
     */
    public Path extractTo(Path dir) {
        URL chartYaml = loader.getResource(RESOURCE + "/Chart.yaml");
        if (chartYaml == null) {
            throw new PreviewException("this build of the plugin carries no chart (" + RESOURCE
                    + " is missing from its jar):" + " set ghillie.preview.chart to your chart's directory");
        }
        try {
            deleteTree(dir);
            if ("jar".equals(chartYaml.getProtocol())) {
                Path jar = Path.of(((JarURLConnection) chartYaml.openConnection())
                        .getJarFileURL()
                        .toURI());
                try (FileSystem zip = FileSystems.newFileSystem(jar)) {
                    copyTree(zip.getPath(RESOURCE), dir);
                }
            } else {
                copyTree(Path.of(chartYaml.toURI()).getParent(), dir);
            }
            return dir;
        } catch (IOException | UncheckedIOException | URISyntaxException e) {
            throw new PreviewException("cannot extract the plugin's chart to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            // Resolve by name, not by Path: the two may belong to different file systems (the jar's and the disk's).
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
