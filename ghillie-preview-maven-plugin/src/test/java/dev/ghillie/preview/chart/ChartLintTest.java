package dev.ghillie.preview.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helm lint --strict charts/ghillie}, through helm-java (Helm compiled in). */
class ChartLintTest {

    /** The one INFO-level remark left: the chart has no icon to point at. */
    private static final String NO_ICON = "[INFO] Chart.yaml: icon is recommended";

    @Test
    void strictLintIsClean() {
        LintResult result = new Helm(ChartUnderTest.directory()).lint().strict().call();

        assertThat(result.getMessages())
                .filteredOn(message -> !message.equals(NO_ICON))
                .isEmpty();
        assertThat(result.isFailed()).isFalse();
    }

    /** Proves the test above can fail: the same lint on a copy of the chart with one wrong value. */
    @Test
    void strictLintFailsOnABrokenCopy(@TempDir Path temp) throws IOException {
        Path copy = copyChart(temp);
        Path values = copy.resolve("values.yaml");
        Files.writeString(values, Files.readString(values).replace("  port: 8080", "  port: eighty"));

        LintResult result = new Helm(copy).lint().strict().call();

        assertThat(result.isFailed()).isTrue();
        assertThat(result.getMessages())
                .anySatisfy(message -> assertThat(message)
                        .contains("[ERROR]")
                        .contains("at '/service/port': got string, want integer"));
    }

    private static Path copyChart(Path target) throws IOException {
        Path source = ChartUnderTest.directory();
        Path copy = target.resolve("ghillie");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path destination = copy.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
        }
        assertThat(List.of(copy.resolve("Chart.yaml"), copy.resolve("templates/deployment.yaml")))
                .allMatch(Files::isRegularFile);
        return copy;
    }
}
