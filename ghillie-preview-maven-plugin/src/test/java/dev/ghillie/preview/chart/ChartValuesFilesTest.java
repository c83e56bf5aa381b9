package dev.ghillie.preview.chart;

import static dev.ghillie.preview.chart.ChartUnderTest.DIGEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two worlds: values-local.yaml (k3d, installed by the plugin) and the GitOps example. */
class ChartValuesFilesTest {

    /** What the plugin runs: values-local.yaml plus --set image.repository/tag/digest. */
    @Test
    void localPreviewAsThePluginInstallsIt() {
        Manifests manifests = ChartUnderTest.render(
                template -> template.withValuesFile(ChartUnderTest.valuesFile("values-local.yaml"))
                        .set("image.repository", "shop")
                        .set("image.tag", "dev")
                        .set("image.digest", DIGEST));

        assertThat(manifests.kinds()).containsExactlyInAnyOrder("ServiceAccount", "Service", "Deployment", "Ingress");
        assertThat(manifests.container().getImage()).isEqualTo("shop@" + DIGEST);
        assertThat(manifests.container().getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(manifests.env("GHILLIE_IMAGE_DIGEST")).contains(DIGEST);
        assertThat(manifests.container().getEnvFrom())
                .singleElement()
                .satisfies(source -> assertThat(source.getSecretRef().getName()).isEqualTo("ghillie"));
        assertThat(manifests.one(Ingress.class).getSpec().getRules())
                .singleElement()
                .satisfies(rule -> assertThat(rule.getHost()).isNull());
    }

    @Test
    void gitopsExampleReadsItsSecretFromTheExternalSecret() {
        Manifests manifests = ChartUnderTest.renderWith("values-gitops-example.yaml");

        assertThat(manifests.kinds())
                .containsExactlyInAnyOrder(
                        "ServiceAccount", "ConfigMap", "Service", "Deployment", "Ingress", "ExternalSecret");
        assertThat(manifests.container().getImage()).isEqualTo("registry.example.com/team/ghillie-runtime:pr-42");
        assertThat(manifests.one(ConfigMap.class).getData())
                .isEqualTo(Map.of(
                        "GHILLIE_LOG_LEVEL", "INFO",
                        "GHILLIE_DRAIN_DELAY_MS", "5000"));
        assertThat(manifests.findGeneric("ExternalSecret")).hasValueSatisfying(externalSecret -> {
            // The version current External Secrets Operator releases serve (v1beta1 is unserved since 0.17).
            assertThat(externalSecret.getApiVersion()).isEqualTo("external-secrets.io/v1");
            assertThat(externalSecret.getAdditionalProperties().get("spec").toString())
                    .contains("secretKey=DATABASE_URL", "secretKey=VALKEY_URL", "name=vault");
        });
        assertThat(manifests.container().getEnvFrom()).hasSize(2);
        assertThat(manifests.container().getEnvFrom().get(1).getSecretRef().getName())
                .isEqualTo("ghillie");
    }
}
