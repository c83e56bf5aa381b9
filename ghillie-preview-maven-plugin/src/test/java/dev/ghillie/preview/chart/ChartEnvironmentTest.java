package dev.ghillie.preview.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the container's environment is made of: env.normal, an existing Secret, an ExternalSecret. */
class ChartEnvironmentTest {

    private static final String CHECKSUM = "checksum/config";

    /** The runtime treats unset DATABASE_URL/VALKEY_URL as "not configured": the pod needs no Secret. */
    @Test
    void defaultsReadNoConfigMapAndNoSecret() {
        Manifests manifests = ChartUnderTest.renderDefaults();

        assertThat(manifests.container().getEnvFrom()).isNullOrEmpty();
        assertThat(manifests.find(ConfigMap.class)).isEmpty();
        assertThat(manifests.findGeneric("ExternalSecret")).isEmpty();
    }

    /** A values file, not --set: YAML numbers reach the templates as floats, --set numbers as integers. */
    @Test
    void envNormalBecomesAConfigMapReadWithEnvFrom(@TempDir Path temp) throws IOException {
        Path values = Files.writeString(temp.resolve("values.yaml"), """
                env:
                  normal:
                    GHILLIE_LOG_LEVEL: DEBUG
                    GHILLIE_CHECK_TIMEOUT_MS: 10000000
                    FEATURE_X: true
                """);
        Manifests manifests = ChartUnderTest.render(template -> template.withValuesFile(values));

        ConfigMap configMap = manifests.one(ConfigMap.class);
        assertThat(configMap.getMetadata().getName()).isEqualTo("ghillie");
        // Numbers stay plain digits (Helm's toString would write 1e+07).
        assertThat(configMap.getData())
                .isEqualTo(Map.of(
                        "GHILLIE_LOG_LEVEL", "DEBUG",
                        "GHILLIE_CHECK_TIMEOUT_MS", "10000000",
                        "FEATURE_X", "true"));
        assertThat(manifests.container().getEnvFrom())
                .singleElement()
                .satisfies(
                        source -> assertThat(source.getConfigMapRef().getName()).isEqualTo("ghillie"));
    }

    @Test
    void anExistingSecretIsRequiredOnceNamed() {
        List<EnvFromSource> envFrom = ChartUnderTest.render(
                        template -> template.set("secrets.existingSecretName", "shop-db"))
                .container()
                .getEnvFrom();

        assertReadsOnlyRequiredSecret(envFrom, "shop-db");
    }

    /** The default apiVersion is v1: External Secrets Operator 0.17 and later serve nothing else. */
    @Test
    void externalSecretIsRenderedWhenEnabled() {
        Manifests manifests = ChartUnderTest.render(template -> template.set("secrets.externalSecret.enabled", true)
                .set("secrets.externalSecret.secretStoreRef.name", "vault")
                .set("secrets.externalSecret.refreshInterval", "5m")
                .set("secrets.externalSecret.data[0].secretKey", "DATABASE_URL")
                .set("secrets.externalSecret.data[0].remoteRef.key", "previews/pr-1")
                .set("secrets.externalSecret.data[0].remoteRef.property", "database_url"));

        GenericKubernetesResource externalSecret =
                manifests.findGeneric("ExternalSecret").orElseThrow();
        assertThat(externalSecret.getApiVersion()).isEqualTo("external-secrets.io/v1");
        assertThat(externalSecret.getMetadata().getName()).isEqualTo("ghillie");
        assertThat(spec(externalSecret)).containsEntry("refreshInterval", "5m");
        assertThat(spec(externalSecret).get("secretStoreRef"))
                .isEqualTo(Map.of("name", "vault", "kind", "ClusterSecretStore"));
        assertThat(spec(externalSecret).get("target")).isEqualTo(Map.of("name", "ghillie", "creationPolicy", "Owner"));
        assertThat(spec(externalSecret).get("data"))
                .isEqualTo(List.of(Map.of(
                        "secretKey",
                        "DATABASE_URL",
                        "remoteRef",
                        Map.of("key", "previews/pr-1", "property", "database_url"))));
        assertThat(spec(externalSecret)).doesNotContainKey("dataFrom");
        assertReadsOnlyRequiredSecret(manifests.container().getEnvFrom(), "ghillie");
    }

    /** v1beta1 stays selectable for clusters on External Secrets Operator 0.15 or older, which serve no v1. */
    @Test
    void externalSecretApiVersionTargetNameAndDataFromAreHonoured() {
        Manifests manifests = ChartUnderTest.render(template -> template.set("secrets.externalSecret.enabled", true)
                .set("secrets.externalSecret.apiVersion", "external-secrets.io/v1beta1")
                .set("secrets.externalSecret.targetName", "shop-env")
                .set("secrets.externalSecret.secretStoreRef.name", "team-store")
                .set("secrets.externalSecret.secretStoreRef.kind", "SecretStore")
                .set("secrets.externalSecret.dataFrom[0].extract.key", "previews/pr-1"));

        GenericKubernetesResource externalSecret =
                manifests.findGeneric("ExternalSecret").orElseThrow();
        assertThat(externalSecret.getApiVersion()).isEqualTo("external-secrets.io/v1beta1");
        assertThat(spec(externalSecret).get("target")).isEqualTo(Map.of("name", "shop-env", "creationPolicy", "Owner"));
        assertThat(spec(externalSecret).get("dataFrom"))
                .isEqualTo(List.of(Map.of("extract", Map.of("key", "previews/pr-1"))));
        assertReadsOnlyRequiredSecret(manifests.container().getEnvFrom(), "shop-env");
    }

    /** Sources are listed ConfigMap, existing Secret, ExternalSecret: the last one wins a shared key. */
    @Test
    void allSourcesTogetherAreReadInADocumentedOrder() {
        List<EnvFromSource> envFrom = ChartUnderTest.render(
                        template -> template.set("env.normal.GHILLIE_LOG_LEVEL", "DEBUG")
                                .set("secrets.existingSecretName", "shared")
                                .set("secrets.externalSecret.enabled", true)
                                .set("secrets.externalSecret.secretStoreRef.name", "vault")
                                .set("secrets.externalSecret.dataFrom[0].extract.key", "k"))
                .container()
                .getEnvFrom();

        assertThat(envFrom).hasSize(3);
        assertThat(envFrom.get(0).getConfigMapRef().getName()).isEqualTo("ghillie");
        assertThat(envFrom.get(1).getSecretRef().getName()).isEqualTo("shared");
        assertThat(envFrom.get(2).getSecretRef().getName()).isEqualTo("ghillie");
    }

    @Test
    void anEnabledExternalSecretWithNothingToFetchFailsWithAHint() {
        assertThatThrownBy(() -> ChartUnderTest.render(template -> template.set("secrets.externalSecret.enabled", true)
                        .set("secrets.externalSecret.secretStoreRef.name", "vault")))
                .hasMessageContaining(
                        "secrets.externalSecret.enabled is true but neither secrets.externalSecret.data nor .dataFrom");
    }

    @Test
    void anEnabledExternalSecretWithoutStoreFailsWithAHint() {
        assertThatThrownBy(() -> ChartUnderTest.render(template -> template.set("secrets.externalSecret.enabled", true)
                        .set("secrets.externalSecret.dataFrom[0].extract.key", "k")))
                .hasMessageContaining("secrets.externalSecret.secretStoreRef.name is required");
    }

    @Test
    void checksumChangesWhenEnvNormalChanges() {
        String first = checksum(Map.of("GHILLIE_LOG_LEVEL", "INFO"));
        String changedValue = checksum(Map.of("GHILLIE_LOG_LEVEL", "DEBUG"));
        String addedVariable = checksum(Map.of("GHILLIE_LOG_LEVEL", "INFO", "GHILLIE_DRAIN_DELAY_MS", "5000"));
        String empty = ChartUnderTest.renderDefaults().podAnnotation(CHECKSUM);

        assertThat(first).matches("[0-9a-f]{64}");
        assertThat(List.of(first, changedValue, addedVariable, empty)).doesNotHaveDuplicates();
    }

    @Test
    void checksumStaysWhenNothingTheConfigMapHoldsChanges() {
        String reference = checksum(Map.of("GHILLIE_LOG_LEVEL", "INFO"));
        String otherValues = ChartUnderTest.render(template -> template.set("env.normal.GHILLIE_LOG_LEVEL", "INFO")
                        .set("image.tag", "pr-9")
                        .set("replicaCount", 3)
                        .set("podAnnotations.team", "payments")
                        .set("secrets.existingSecretName", "shop-db"))
                .podAnnotation(CHECKSUM);

        assertThat(otherValues).isEqualTo(reference);
        assertThat(checksum(Map.of("GHILLIE_LOG_LEVEL", "INFO"))).isEqualTo(reference);
    }

    @Test
    void podAnnotationsSitBesideTheChecksum() {
        Manifests manifests = ChartUnderTest.render(template -> template.set("podAnnotations.team", "payments"));

        assertThat(manifests.podAnnotation("team")).isEqualTo("payments");
        assertThat(manifests.podAnnotation(CHECKSUM)).isNotBlank();
    }

    /** Not optional: a pod started before its Secret exists would never see its URLs. */
    private static void assertReadsOnlyRequiredSecret(List<EnvFromSource> envFrom, String secretName) {
        assertThat(envFrom).singleElement().satisfies(source -> {
            assertThat(source.getSecretRef().getName()).isEqualTo(secretName);
            assertThat(source.getSecretRef().getOptional()).isFalse();
        });
    }

    private static String checksum(Map<String, String> normal) {
        return ChartUnderTest.render(template -> {
                    normal.forEach((name, value) -> template.set("env.normal." + name, value));
                    return template;
                })
                .podAnnotation(CHECKSUM);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }
}
