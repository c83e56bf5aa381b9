package dev.ghillie.preview.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.PreviewException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart the plugin carries: the repository's charts/ghillie, byte for byte, extracted from classes or from the jar. */
class BundledChartTest {

    @TempDir
    Path tmp;

    private static Path repositoryChart() {
        return Path.of(System.getProperty("ghillie.chart.dir"));
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        return files;
    }

    /** The build copied it into the classes (a directory here); an earlier extraction's leftovers go. */
    @Test
    void theBuildCopiedTheRepositoryChartAndExtractionReplacesWhatWasThere() throws Exception {
        Path dir = tmp.resolve("target/ghillie-preview/chart/ghillie");
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/dropped.yaml"), "kind: Dropped\n");

        Path extracted = new BundledChart().extractTo(dir);

        assertThat(extracted).isEqualTo(dir);
        assertThat(files(dir))
                .isEqualTo(files(repositoryChart()))
                .containsKeys("Chart.yaml", "values.yaml", "templates/deployment.yaml");
    }

    /** As users run it: from the plugin's jar. */
    @Test
    void extractsFromAJar() throws Exception {
        Path jar = tmp.resolve("plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, String> file : files(repositoryChart()).entrySet()) {
                out.putNextEntry(new JarEntry(BundledChart.RESOURCE + "/" + file.getKey()));
                out.write(file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path dir = new BundledChart(loader).extractTo(tmp.resolve("extracted"));

            assertThat(files(dir)).isEqualTo(files(repositoryChart()));
        }
    }

    @Test
    void aPluginWithoutTheChartSaysWhatToSet() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> new BundledChart(empty).extractTo(tmp.resolve("x")))
                    .isInstanceOf(PreviewException.class)
                    .hasMessageEndingWith("set ghillie.preview.chart to your chart's directory");
        }
    }
}
