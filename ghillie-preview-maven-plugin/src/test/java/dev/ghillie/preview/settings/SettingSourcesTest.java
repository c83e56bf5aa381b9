package dev.ghillie.preview.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingSourcesTest {

    private static final List<String> NAMESPACE = List.of("GHILLIE_K3D_NAMESPACE", "GHILLIE_NAMESPACE");
    private static final List<String> PORT = List.of("GHILLIE_K3D_PORT", "INGRESS_PORT");

    private final SettingSources sources =
            new SettingSources(Map.of("GHILLIE_K3D_CLUSTER", "from-env", "GHILLIE_K3D_PORT", "eighty"));

    @Test
    void propertyWinsOverEnvironmentWhichWinsOverDefault() {
        assertThat(sources.text("from-property", "GHILLIE_K3D_CLUSTER", "ghillie-local"))
                .isEqualTo("from-property");
        assertThat(sources.text(null, "GHILLIE_K3D_CLUSTER", "ghillie-local")).isEqualTo("from-env");
        assertThat(sources.text("  ", "GHILLIE_K3D_CLUSTER", "ghillie-local")).isEqualTo("from-env");
        assertThat(sources.text(null, "GHILLIE_K3D_NAMESPACE", "ghillie")).isEqualTo("ghillie");
    }

    @Test
    void propertyBeatsK3dVariableBeatsDesignVariableBeatsDefault() {
        SettingSources both =
                new SettingSources(Map.of("GHILLIE_K3D_NAMESPACE", "k3d-ns", "GHILLIE_NAMESPACE", "design-ns"));
        SettingSources designOnly =
                new SettingSources(Map.of("GHILLIE_K3D_NAMESPACE", " ", "GHILLIE_NAMESPACE", "design-ns"));
        SettingSources none = new SettingSources(Map.of());

        assertThat(both.text("property-ns", NAMESPACE, "ghillie")).isEqualTo("property-ns");
        assertThat(both.text(null, NAMESPACE, "ghillie")).isEqualTo("k3d-ns");
        assertThat(designOnly.text(null, NAMESPACE, "ghillie")).isEqualTo("design-ns");
        assertThat(none.text(null, NAMESPACE, "ghillie")).isEqualTo("ghillie");
    }

    @Test
    void findSaysWhichVariableGaveTheValue() {
        SettingSources environment = new SettingSources(Map.of("GHILLIE_NAMESPACE", "design-ns"));

        assertThat(environment.find(null, NAMESPACE))
                .contains(new SettingValue("design-ns", Optional.of("GHILLIE_NAMESPACE")));
        assertThat(environment.find("property-ns", NAMESPACE))
                .contains(new SettingValue("property-ns", Optional.empty()));
        assertThat(environment.find(null, NAMESPACE).orElseThrow().readFrom())
                .isEqualTo(" (read from GHILLIE_NAMESPACE)");
        assertThat(environment.find("property-ns", NAMESPACE).orElseThrow().readFrom())
                .isEmpty();
        assertThat(environment.find(null, List.of("GHILLIE_RELEASE"))).isEmpty();
    }

    @Test
    void aBadPortFromTheEnvironmentNamesTheVariable() {
        assertThat(sources.port("ghillie.preview.port", "8081", "GHILLIE_K3D_PORT", 0))
                .isEqualTo(8081);
        assertThatThrownBy(() -> sources.port("ghillie.preview.port", null, "GHILLIE_K3D_PORT", 0))
                .hasMessage(
                        "ghillie.preview.port='eighty' is not a port: use 1 to 65535, or 0 to pick a free loopback port (read from GHILLIE_K3D_PORT)");
    }

    @Test
    void ingressPortIsReadAfterTheK3dPortAndZeroMeansAFreePort() {
        assertThat(new SettingSources(Map.of("INGRESS_PORT", "8088")).port("ghillie.preview.port", null, PORT, 0))
                .isEqualTo(8088);
        assertThat(new SettingSources(Map.of("INGRESS_PORT", "8088", "GHILLIE_K3D_PORT", "8089"))
                        .port("ghillie.preview.port", null, PORT, 0))
                .isEqualTo(8089);
        assertThat(new SettingSources(Map.of("INGRESS_PORT", "8088")).port("ghillie.preview.port", "8090", PORT, 0))
                .isEqualTo(8090);
        assertThat(new SettingSources(Map.of("INGRESS_PORT", "0")).port("ghillie.preview.port", null, PORT, 0))
                .isZero();
        assertThat(new SettingSources(Map.of("INGRESS_PORT", "")).port("ghillie.preview.port", null, PORT, 0))
                .isZero();
    }

    @Test
    void aPortOutOfRangeFromTheEnvironmentNamesTheVariable() {
        SettingSources environment = new SettingSources(Map.of("INGRESS_PORT", "70000"));

        assertThatThrownBy(() -> environment.port("ghillie.preview.port", null, PORT, 0))
                .isInstanceOf(SettingsException.class)
                .hasMessage(
                        "ghillie.preview.port='70000' is not a port: use 1 to 65535, or 0 to pick a free loopback port (read from INGRESS_PORT)");
        assertThatThrownBy(() ->
                        new SettingSources(Map.of("INGRESS_PORT", "http")).port("ghillie.preview.port", null, PORT, 0))
                .hasMessageEndingWith("(read from INGRESS_PORT)");
        // A property's range is left to SettingsValidator, which reports it with every other problem.
        assertThat(environment.port("ghillie.preview.port", "70000", PORT, 0)).isEqualTo(70000);
    }

    @Test
    void helmArgsFillInWhatTheParametersLeaveOpen(@org.junit.jupiter.api.io.TempDir Path project) {
        SettingSources environment = new SettingSources(Map.of("HELM_ARGS", "--values ci.yaml --set replicaCount=2"));
        Path propertyFile = project.resolve("property.yaml");

        assertThat(environment.chartOverrides(List.of(), Map.of(), project))
                .isEqualTo(new ChartOverrides(List.of(project.resolve("ci.yaml")), Map.of("replicaCount", "2")));
        assertThat(environment.chartOverrides(List.of(propertyFile), Map.of(), project))
                .isEqualTo(new ChartOverrides(List.of(propertyFile), Map.of("replicaCount", "2")));
        assertThat(environment.chartOverrides(List.of(), Map.of("image.pullPolicy", "Never"), project))
                .isEqualTo(
                        new ChartOverrides(List.of(project.resolve("ci.yaml")), Map.of("image.pullPolicy", "Never")));
        assertThat(new SettingSources(Map.of()).chartOverrides(List.of(), Map.of(), project))
                .isEqualTo(ChartOverrides.NONE);
    }

    @Test
    void helmArgsAreNotReadWhenTheParametersGiveBoth(@org.junit.jupiter.api.io.TempDir Path project) {
        SettingSources environment = new SettingSources(Map.of("HELM_ARGS", "--wait"));
        Path propertyFile = project.resolve("property.yaml");

        assertThat(environment.chartOverrides(List.of(propertyFile), Map.of("a", "b"), project))
                .isEqualTo(new ChartOverrides(List.of(propertyFile), Map.of("a", "b")));
        assertThatThrownBy(() -> environment.chartOverrides(List.of(propertyFile), Map.of(), project))
                .isInstanceOf(SettingsException.class)
                .hasMessage("HELM_ARGS: '--wait' is not supported: use --values FILE or --set key=value");
    }
}
