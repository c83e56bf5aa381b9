package dev.ghillie.preview.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When each operator's resource counts as ready: the operators' own words, which only this package knows. */
class OperatorReadinessTest {

    @Test
    void aCnpgClusterIsReadyOnceItsReadyConditionIsTrue() {
        assertThat(CloudNativePgPostgres.clusterReady()
                        .isReady(withStatus(
                                "Cluster",
                                Map.of(
                                        "phase",
                                        "Setting up primary",
                                        "conditions",
                                        List.of(Map.of("type", "Ready", "status", "True"))))))
                .isTrue();
        assertThat(CloudNativePgPostgres.clusterReady()
                        .isReady(withStatus(
                                "Cluster",
                                Map.of(
                                        "phase",
                                        "Setting up primary",
                                        "conditions",
                                        List.of(Map.of("type", "Ready", "status", "False"))))))
                .isFalse();
    }

    @Test
    void aCnpgClusterInHealthyStateIsReadyEvenWithoutConditions() {
        assertThat(CloudNativePgPostgres.clusterReady()
                        .isReady(withStatus("Cluster", Map.of("phase", "Cluster in healthy state"))))
                .isTrue();
    }

    @Test
    void aHyperspikeValkeyIsReadyOnceStatusReadyIsTrue() {
        assertThat(HyperspikeValkey.valkeyReady().isReady(withStatus("Valkey", Map.of("ready", true))))
                .isTrue();
        assertThat(HyperspikeValkey.valkeyReady().isReady(withStatus("Valkey", Map.of("ready", false))))
                .isFalse();
        assertThat(HyperspikeValkey.valkeyReady().description()).isEqualTo("status.ready=true");
    }

    @Test
    void aValkeyClusterIsReadyWhenItsReadyConditionJudgedTheCurrentGeneration() {
        assertThat(ValkeyIoValkey.clusterReady().isReady(valkeyCluster(2, "Ready", 2)))
                .isTrue();
    }

    /** A re-run that changed the spec: the operator has not looked at generation 3 yet, its Ready is about generation 2. */
    @Test
    void aValkeyClusterWhoseReadyIsAboutAnOlderGenerationIsNotReady() {
        assertThat(ValkeyIoValkey.clusterReady().isReady(valkeyCluster(3, "Ready", 2)))
                .isFalse();
    }

    @Test
    void aValkeyClusterStillReconcilingIsNotReady() {
        assertThat(ValkeyIoValkey.clusterReady().isReady(valkeyCluster(1, "Reconciling", 1)))
                .isFalse();
    }

    private static GenericKubernetesResource withStatus(String kind, Map<String, Object> status) {
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withKind(kind)
                .withNewMetadata()
                .withName("instance")
                .endMetadata()
                .build();
        resource.setAdditionalProperty("status", status);
        return resource;
    }

    private static GenericKubernetesResource valkeyCluster(long generation, String state, long observed) {
        String ready = "Ready".equals(state) ? "True" : "False";
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion("valkey.io/v1alpha1")
                .withKind("ValkeyCluster")
                .withNewMetadata()
                .withName("valkey-ghillie")
                .withGeneration(generation)
                .endMetadata()
                .build();
        resource.setAdditionalProperty(
                "status",
                Map.of(
                        "state",
                        state,
                        "conditions",
                        List.of(Map.of("type", "Ready", "status", ready, "observedGeneration", observed))));
        return resource;
    }
}
