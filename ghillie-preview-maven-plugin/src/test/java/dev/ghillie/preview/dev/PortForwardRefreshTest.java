package dev.ghillie.preview.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.kube.LabelSelection;
import dev.ghillie.preview.lifecycle.PreviewAccess;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** preview:dev's port-forward after a rollout: always on the user's port, whatever the loop still holds. */
@EnableKubernetesMockClient(crud = true, https = false)
class PortForwardRefreshTest {

    static final LabelSelection RELEASE = LabelSelection.helmRelease("ghillie", "ghillie");
    static final Map<String, String> LABELS = Map.of("app.kubernetes.io/instance", "ghillie");

    KubernetesMockServer server;
    KubernetesClient client;

    /**
     * When the debugger's refresh after this one fails, the loop keeps the access from before the round: the next
     * refresh gets that access again, and must free the port its own last forward holds.
     */
    @Test
    void aRefreshOfTheSameAccessAgainFreesItsOwnLastForward() throws Exception {
        client.services()
                .inNamespace("ghillie")
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("ghillie")
                        .withLabels(LABELS)
                        .endMetadata()
                        .withNewSpec()
                        .withSelector(LABELS)
                        .addNewPort()
                        .withName("http")
                        .withPort(80)
                        .withTargetPort(new IntOrString("http"))
                        .endPort()
                        .endSpec()
                        .build())
                .create();
        client.pods()
                .inNamespace("ghillie")
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("ghillie-new")
                        .withLabels(LABELS)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("ghillie")
                        .addNewPort()
                        .withName("http")
                        .withContainerPort(8080)
                        .endPort()
                        .endContainer()
                        .endSpec()
                        .withNewStatus()
                        .withPhase("Running")
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus("True")
                        .endCondition()
                        .endStatus()
                        .build())
                .create();
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        PreviewAccess beforeTheRound = new PreviewAccess("http://127.0.0.1:" + port, "port-forward", () -> {});

        try (PortForwardRefresh refresh = new PortForwardRefresh(client, RELEASE, ProgressSink.silent())) {
            refresh.afterRollout(beforeTheRound);
            PreviewAccess again = refresh.afterRollout(beforeTheRound);

            assertThat(again.url()).isEqualTo("http://127.0.0.1:" + port);
            again.session().close();
        }
    }
}
