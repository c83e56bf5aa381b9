package dev.ghillie.preview.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressLines;
import dev.ghillie.preview.kube.ResourceNotReadyException;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PlatformWaitsTest {

    KubernetesClient client;

    @Test
    void operatorDeploymentsAndCustomResourcesAreAwaitedThroughTheKubeWaiters() {
        List<String> progress = new ArrayList<>();
        PlatformWaits waits = PlatformWaits.on(client, ProgressLines.to(progress::add));
        client.apps()
                .deployments()
                .inNamespace("valkey-operator-system")
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName("valkey-operator")
                        .addToLabels("app.kubernetes.io/instance", "valkey")
                        .withGeneration(1L)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .endSpec()
                        .withNewStatus()
                        .withObservedGeneration(1L)
                        .withReplicas(1)
                        .withUpdatedReplicas(1)
                        .withAvailableReplicas(1)
                        .endStatus()
                        .build())
                .create();

        waits.deploymentsAvailable(
                "valkey-operator-system", Map.of("app.kubernetes.io/instance", "valkey"), Duration.ofSeconds(20));
        PreviewException e = catchThrowableOfType(
                PreviewException.class,
                () -> waits.resourceReady(
                        HyperspikeValkey.TYPE,
                        "ghillie",
                        "valkey-ghillie",
                        HyperspikeValkey.valkeyReady(),
                        Duration.ofMillis(300)));

        assertThat(progress).containsExactly("deployment/valkey-operator is ready [1/1]");
        assertThat(e).isInstanceOf(ResourceNotReadyException.class);
        assertThat(e.getMessage())
                .startsWith("valkey/valkey-ghillie (hyperspike.io/v1) in namespace ghillie does not exist");
    }
}
