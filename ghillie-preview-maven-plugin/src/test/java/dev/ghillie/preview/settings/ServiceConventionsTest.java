package dev.ghillie.preview.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The settings that carry a service's conventions: ghillie-runtime's by default, any other service's when given. */
class ServiceConventionsTest {

    private static List<String> problems(ServiceConventions conventions) {
        List<String> problems = new ArrayList<>();
        conventions.validate(problems);
        return problems;
    }

    @Test
    void nothingGivenIsGhillieRuntimesConventions() {
        ServiceConventions conventions = ServiceConventions.of(null, null, null, null, null, null, null, null);

        assertThat(conventions).isEqualTo(ServiceConventions.DEFAULTS);
        assertThat(conventions.containerPort()).isEqualTo(8080);
        assertThat(conventions.healthPath()).isEqualTo("/health");
        assertThat(conventions.readyPath()).isEqualTo("/ready");
        assertThat(conventions.portVariable()).contains("GHILLIE_PORT");
        assertThat(conventions.appSecret()).isEqualTo("ghillie");
        assertThat(conventions.databaseUrlKey()).isEqualTo("DATABASE_URL");
        assertThat(conventions.valkeyUrlKey()).isEqualTo("VALKEY_URL");
        assertThat(conventions.versionCheck()).isEqualTo(VersionCheck.AUTO);
        assertThat(problems(conventions)).isEmpty();
    }

    @Test
    void anotherServiceSetsItsPortPathAndNoPortVariable() {
        ServiceConventions conventions =
                ServiceConventions.of("9090", "/healthz", null, "", "shop-env", "PG_URL", "CACHE_URL", "off");

        assertThat(conventions.containerPort()).isEqualTo(9090);
        // A service that names its own health path is asked that for readiness too (it has no /ready).
        assertThat(conventions.readyPath()).isEqualTo("/healthz");
        assertThat(conventions.portVariable()).isEmpty();
        assertThat(conventions.versionCheck()).isEqualTo(VersionCheck.OFF);
        assertThat(problems(conventions)).isEmpty();
        assertThat(ServiceConventions.of(null, "/healthz", "/readyz", null, null, null, null, null)
                        .readyPath())
                .isEqualTo("/readyz");
    }

    @Test
    void theChartGetsPortVariableProbePathsAndSecret() {
        ServiceConventions conventions =
                ServiceConventions.of("9090", "/healthz", null, "", "shop-env", null, null, null);

        assertThat(conventions.chartValues())
                .isEqualTo(Map.of(
                        "containerPort",
                        9090,
                        "portVariable",
                        "",
                        "probes",
                        Map.of(
                                "startup",
                                Map.of("path", "/healthz"),
                                "liveness",
                                Map.of("path", "/healthz"),
                                "readiness",
                                Map.of("path", "/healthz")),
                        "secrets",
                        Map.of("existingSecretName", "shop-env")));
        assertThat(ServiceConventions.DEFAULTS.chartValues())
                .containsEntry("portVariable", "GHILLIE_PORT")
                .containsEntry("secrets", Map.of("existingSecretName", "ghillie"));
    }

    @Test
    void everyWrongValueIsOneLineNamingItsSetting() {
        ServiceConventions wrong = new ServiceConventions(
                70000, "healthz", "/ready now", Optional.of("MY-PORT"), "Shop_Env", "1URL", "1URL", VersionCheck.AUTO);

        assertThat(problems(wrong))
                .containsExactly(
                        "ghillie.preview.containerPort=70000 is not a port: use the port the service listens on, 1 to 65535",
                        "ghillie.preview.healthPath='healthz' is not an HTTP path: use one starting with '/', without spaces, query or fragment, e.g. /healthz",
                        "ghillie.preview.readyPath='/ready now' is not an HTTP path: use one starting with '/', without spaces, query or fragment, e.g. /healthz",
                        "ghillie.preview.portVariable='MY-PORT' is not an environment variable name: use letters, digits and '_', not starting with a"
                                + " digit, or set it empty when the service does not read its port from the environment",
                        "ghillie.preview.appSecret='Shop_Env' is not a valid Secret name: use lower-case letters, digits, '-' and '.', starting and"
                                + " ending with a letter or digit",
                        "ghillie.preview.databaseUrlKey='1URL' is not an environment variable name: use letters, digits and '_', not starting with a digit",
                        "ghillie.preview.valkeyUrlKey='1URL' is not an environment variable name: use letters, digits and '_', not starting with a digit",
                        "ghillie.preview.databaseUrlKey and ghillie.preview.valkeyUrlKey are both '1URL': give the two URLs different names");
    }

    /** The chart sets the port variable and GHILLIE_IMAGE_DIGEST with env, which wins over envFrom: a URL key so named would be hidden. */
    @Test
    void aUrlKeyMayNotBeAVariableTheChartSets() {
        assertThat(problems(
                        ServiceConventions.of(null, null, null, "PORT", null, "PORT", "GHILLIE_IMAGE_DIGEST", null)))
                .containsExactly(
                        "ghillie.preview.databaseUrlKey='PORT' is also ghillie.preview.portVariable, which the pod sets to the port and which"
                                + " would hide the URL: give the URL another name",
                        "ghillie.preview.valkeyUrlKey='GHILLIE_IMAGE_DIGEST' is the variable the chart sets to the image's digest, which"
                                + " would hide the URL: give the URL another name");
    }

    @Test
    void aPortOrVersionCheckThatCannotBeReadFailsAtOnce() {
        assertThatThrownBy(() -> ServiceConventions.of("http", null, null, null, null, null, null, null))
                .isInstanceOf(SettingsException.class)
                .hasMessage(
                        "ghillie.preview.containerPort='http' is not a port: use the port the service listens on, 1 to 65535");
        assertThatThrownBy(() -> ServiceConventions.of(null, null, null, null, null, null, null, "sometimes"))
                .isInstanceOf(SettingsException.class)
                .hasMessage("ghillie.preview.versionCheck='sometimes' is not a version check: use auto or off");
    }

    @Test
    void theValidatorReportsThemWithEveryOtherSetting() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("conventions");
        java.nio.file.Path chart = java.nio.file.Files.createDirectories(dir.resolve("chart"));
        java.nio.file.Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: ghillie\nversion: 0.1.0\n");
        PlatformSettings platform = new PlatformSettings(
                false,
                false,
                new dev.ghillie.preview.helm.ChartSource.Local(chart),
                new dev.ghillie.preview.helm.ChartSource.Local(chart),
                java.time.Duration.ofMinutes(1));
        PreviewSettings settings = PreviewSettings.builder()
                .clusterTimeout(java.time.Duration.ofMinutes(1))
                .chartDir(chart)
                .platform(platform)
                .rolloutTimeout(java.time.Duration.ofMinutes(1))
                .projectDir(dir)
                .workDir(dir.resolve("work"))
                .service(ServiceConventions.of("0", "/healthz", null, "", null, null, null, null))
                .build();

        assertThatThrownBy(() -> SettingsValidator.validate(settings))
                .isInstanceOf(SettingsException.class)
                .hasMessage(
                        "ghillie.preview.containerPort=0 is not a port: use the port the service listens on, 1 to 65535");
    }

    /**
     * The values become a file whose bytes are part of the release's fingerprint: an order that changes from one JVM
     * to the next (Map.of's is salted per JVM) made a no-op re-run upgrade the release. Insertion order, every level.
     */
    @Test
    void theChartValuesKeepOneOrderAtEveryLevel() {
        Map<String, Object> values = ServiceConventions.DEFAULTS.chartValues();

        assertThat(values.keySet()).containsExactly("containerPort", "portVariable", "probes", "secrets");
        assertThat(List.copyOf(((Map<?, ?>) values.get("probes")).keySet()))
                .isEqualTo(List.of("startup", "liveness", "readiness"));
        assertThat(values.values())
                .filteredOn(Map.class::isInstance)
                .allSatisfy(nested -> assertThat(nested).isInstanceOf(java.util.LinkedHashMap.class));
    }
}
