package dev.ghillie.preview.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.helm.ChartSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsValidatorTest {

    @TempDir
    Path dir;

    private Path chart;

    @BeforeEach
    void chart() throws Exception {
        chart = Files.createDirectories(dir.resolve("charts/ghillie"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: ghillie\nversion: 0.1.0\n");
    }

    private PreviewSettings settings(String cluster, String namespace, int port, List<Path> values, Duration rollout) {
        return builder(cluster, namespace, port, values, rollout).build();
    }

    private PreviewSettings onKind(String cluster) {
        return builder(cluster, "ghillie", 0, List.of(), Duration.ofMinutes(1))
                .provider(ProviderSettings.of(ProviderKind.KIND))
                .build();
    }

    private PreviewSettings.Builder builder(
            String cluster, String namespace, int port, List<Path> values, Duration rollout) {
        PlatformSettings platform = new PlatformSettings(
                true, true, new ChartSource.Local(chart), new ChartSource.Local(chart), Duration.ofMinutes(5));
        return PreviewSettings.builder()
                .clusterName(cluster)
                .ingressPort(port)
                .clusterTimeout(Duration.ofMinutes(3))
                .namespace(namespace)
                .chartDir(chart)
                .valuesFiles(values)
                .platform(platform)
                .rolloutTimeout(rollout)
                .projectDir(dir)
                .workDir(dir.resolve("target/ghillie-preview"));
    }

    @Test
    void acceptsTheDefaults() {
        assertThatCode(() -> SettingsValidator.validate(
                        settings("ghillie-local", "ghillie", 0, List.of(), Duration.ofMinutes(5))))
                .doesNotThrowAnyException();
    }

    @Test
    void reportsEveryProblemOneLineEachNamingTheSetting() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "a: [1, 2\n");
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> SettingsValidator.validate(
                        settings("Ghillie_Local", "-bad-", 70000, List.of(broken, missing), Duration.ZERO)))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(e.getMessage().lines().toList())
                        .satisfiesExactly(
                                line -> assertThat(line)
                                        .startsWith(
                                                "ghillie.preview.cluster='Ghillie_Local' is not a valid k3d cluster name"),
                                line -> assertThat(line)
                                        .startsWith(
                                                "ghillie.preview.namespace (GHILLIE_K3D_NAMESPACE, GHILLIE_NAMESPACE)='-bad-' is not a valid name"),
                                line -> assertThat(line)
                                        .isEqualTo(
                                                "ghillie.preview.port=70000 is not a port: use 1 to 65535, or 0 to pick a free loopback port"),
                                line -> assertThat(line)
                                        .isEqualTo("ghillie.preview.rolloutTimeout must be positive, e.g. 300s or 5m"),
                                line -> assertThat(line)
                                        .startsWith("ghillie.preview.valuesFiles (HELM_ARGS --values): " + broken
                                                + " is not valid YAML"),
                                line -> assertThat(line)
                                        .isEqualTo("ghillie.preview.valuesFiles (HELM_ARGS --values): " + missing
                                                + " does not exist")));
    }

    @Test
    void clusterNamesFollowK3dsRule() {
        assertThatCode(() -> SettingsValidator.validate(
                        settings("a".repeat(32), "ghillie", 0, List.of(), Duration.ofMinutes(1))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SettingsValidator.validate(
                        settings("a".repeat(33), "ghillie", 0, List.of(), Duration.ofMinutes(1))))
                .hasMessageContaining("at most 32");
    }

    @Test
    void kindClusterNamesFollowKindsRule() {
        PreviewSettings kind = onKind("pr-42.preview");
        assertThatCode(() -> SettingsValidator.validate(kind)).doesNotThrowAnyException();
        assertThatThrownBy(() -> SettingsValidator.validate(onKind("Pr_42")))
                .hasMessage(
                        "ghillie.preview.cluster='Pr_42' is not a valid kind cluster name: use at most 50 lower-case letters, digits,"
                                + " '.' and '-' (kind's ^[a-z0-9.-]+$; or set GHILLIE_K3D_CLUSTER)");
        assertThatThrownBy(() -> SettingsValidator.validate(onKind("a".repeat(51))))
                .hasMessageContaining("at most 50");
    }

    @Test
    void aK3dRegistryIsRefusedOnTheOtherProviders() {
        PlatformSettings platform = new PlatformSettings(
                false, false, new ChartSource.Local(chart), new ChartSource.Local(chart), Duration.ofMinutes(5));
        PreviewSettings kindWithRegistry = PreviewSettings.builder()
                .clusterTimeout(Duration.ofMinutes(3))
                .chartDir(chart)
                .access(AccessMode.PORT_FORWARD)
                .platform(platform)
                .projectDir(dir)
                .workDir(dir.resolve("target"))
                .registry(java.util.Optional.of(
                        dev.ghillie.preview.cluster.K3dRegistry.parse("k3d-ghillie-registry:5001")))
                .provider(ProviderSettings.of(ProviderKind.KIND))
                .build();

        assertThatThrownBy(() -> SettingsValidator.validate(kindWithRegistry))
                .hasMessageStartingWith(
                        "ghillie.preview.registry names a k3d registry, and ghillie.preview.provider is kind: unset it");
    }

    @Test
    void aMissingChartIsNamed() throws Exception {
        Files.delete(chart.resolve("Chart.yaml"));

        assertThatThrownBy(() -> SettingsValidator.validate(
                        settings("ghillie-local", "ghillie", 0, List.of(), Duration.ofMinutes(1))))
                .hasMessageStartingWith("ghillie.preview.chart (GHILLIE_CHART): no Helm chart at " + chart);
    }

    @Test
    void parsesDurationsAsK3dUsersWriteThem() {
        assertThat(SettingsValidator.duration("x", "300s")).isEqualTo(Duration.ofSeconds(300));
        assertThat(SettingsValidator.duration("x", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(SettingsValidator.duration("x", "1h2m3s")).isEqualTo(Duration.ofSeconds(3723));
        assertThat(SettingsValidator.duration("x", "120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(SettingsValidator.duration("x", "PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> SettingsValidator.duration("ghillie.preview.rolloutTimeout", "soon"))
                .hasMessage("ghillie.preview.rolloutTimeout='soon' is not a duration: use e.g. 300s, 5m or 1m30s");
    }

    @Test
    void parsesTheUnitsFabric8Knows() {
        assertThat(SettingsValidator.duration("x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(SettingsValidator.duration("x", "1m30s")).isEqualTo(Duration.ofSeconds(90));
    }

    /** fabric8's parser skips what it does not understand; a setting must not lose the rest silently. */
    @ParameterizedTest
    @ValueSource(strings = {"5m garbage", "1.5h", "-5m", "5m30", "5x", "", "PT"})
    void refusesADurationWithAnythingLeftOver(String text) {
        assertThatThrownBy(() -> SettingsValidator.duration("ghillie.preview.since", text))
                .hasMessage("ghillie.preview.since='" + text + "' is not a duration: use e.g. 300s, 5m or 1m30s");
    }

    @Test
    void platformSelection() {
        assertThat(PlatformSelection.parse("all")).isEqualTo(PlatformSelection.ALL);
        assertThat(PlatformSelection.parse("none")).isEqualTo(PlatformSelection.NONE);
        assertThat(PlatformSelection.parse("postgres")).isEqualTo(new PlatformSelection(true, false));
        assertThat(PlatformSelection.parse("valkey,postgres")).isEqualTo(PlatformSelection.ALL);
        assertThatThrownBy(() -> PlatformSelection.parse("mysql"))
                .hasMessageStartingWith("ghillie.preview.platform='mysql'");
        assertThat(AccessMode.parse("port-forward")).isEqualTo(AccessMode.PORT_FORWARD);
        assertThatThrownBy(() -> AccessMode.parse("nodeport"))
                .hasMessageStartingWith("ghillie.preview.access='nodeport'");
    }
}
