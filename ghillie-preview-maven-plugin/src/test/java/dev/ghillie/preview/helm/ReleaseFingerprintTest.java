package dev.ghillie.preview.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseFingerprintTest {

    @TempDir
    Path dir;

    private ChartSource chart() throws Exception {
        Path chart = dir.resolve("chart");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "name: x\nversion: 0.1.0\n");
        Files.writeString(chart.resolve("templates/a.yaml"), "kind: ConfigMap\n");
        return new ChartSource.Local(chart);
    }

    @Test
    void sameInputsGiveTheSameFingerprint() throws Exception {
        ChartSource chart = chart();
        Path values = Files.writeString(dir.resolve("values.yaml"), "a: 1\n");

        String first = ReleaseFingerprint.of(chart, List.of(values), Map.of("b", "2", "c", "3"));
        String second = ReleaseFingerprint.of(chart, List.of(values), Map.of("c", "3", "b", "2"));

        assertThat(first).isEqualTo(second).startsWith("sha256:").hasSize(71);
    }

    @Test
    void anyChangedInputChangesIt() throws Exception {
        ChartSource chart = chart();
        Path values = Files.writeString(dir.resolve("values.yaml"), "a: 1\n");
        String before = ReleaseFingerprint.of(chart, List.of(values), Map.of("image.digest", "sha256:1"));

        assertThat(ReleaseFingerprint.of(chart, List.of(values), Map.of("image.digest", "sha256:2")))
                .isNotEqualTo(before);
        Files.writeString(values, "a: 2\n");
        String valuesChanged = ReleaseFingerprint.of(chart, List.of(values), Map.of("image.digest", "sha256:1"));
        assertThat(valuesChanged).isNotEqualTo(before);
        Files.writeString(dir.resolve("chart/templates/a.yaml"), "kind: Secret\n");
        assertThat(ReleaseFingerprint.of(chart, List.of(values), Map.of("image.digest", "sha256:1")))
                .isNotEqualTo(valuesChanged);
    }

    @Test
    void parsesTheThreeChartSourceForms() {
        Path base = Path.of("/repo");

        assertThat(ChartSource.parse("oci://ghcr.io/hyperspike/valkey-operator", "v0.0.61-chart", base))
                .isEqualTo(new ChartSource.Oci("oci://ghcr.io/hyperspike/valkey-operator", "v0.0.61-chart"));
        assertThat(ChartSource.parse("https://cloudnative-pg.github.io/charts#cloudnative-pg", "0.29.0", base))
                .isEqualTo(new ChartSource.Repository(
                        "https://cloudnative-pg.github.io/charts", "cloudnative-pg", "0.29.0"));
        assertThat(ChartSource.parse("mirror/cloudnative-pg-0.29.0.tgz", null, base))
                .isEqualTo(new ChartSource.Local(Path.of("/repo/mirror/cloudnative-pg-0.29.0.tgz")));
        assertThatThrownBy(() -> ChartSource.parse("https://cloudnative-pg.github.io/charts", "0.29.0", base))
                .hasMessageContaining("needs the chart name after '#'");
    }
}
