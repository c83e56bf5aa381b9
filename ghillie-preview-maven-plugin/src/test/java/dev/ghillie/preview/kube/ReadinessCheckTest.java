package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessCheckTest {

    @Test
    void aValkeyClusterIsReadyWhenItsReadyConditionJudgedTheCurrentGeneration() {
        assertThat(ReadinessCheck.valkeyCluster().isReady(valkeyCluster(2, "Ready", 2))).isTrue();
    }

    /** A re-run that changed the spec: the operator has not looked at generation 3 yet, its Ready is about generation 2. */
    @Test
    void aValkeyClusterWhoseReadyIsAboutAnOlderGenerationIsNotReady() {
        assertThat(ReadinessCheck.valkeyCluster().isReady(valkeyCluster(3, "Ready", 2))).isFalse();
    }

    @Test
    void aValkeyClusterStillReconcilingIsNotReady() {
        assertThat(ReadinessCheck.valkeyCluster().isReady(valkeyCluster(1, "Reconciling", 1))).isFalse();
    }

    private static GenericKubernetesResource valkeyCluster(long generation, String state, long observed) {
        String ready = "Ready".equals(state) ? "True" : "False";
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion("valkey.io/v1alpha1").withKind("ValkeyCluster")
                .withNewMetadata().withName("valkey-ghillie").withGeneration(generation).endMetadata()
                .build();
        resource.setAdditionalProperty("status", Map.of("state", state,
                "conditions", List.of(Map.of("type", "Ready", "status", ready, "observedGeneration", observed))));
        return resource;
    }
}
