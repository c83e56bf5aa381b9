package dev.ghillie.preview.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.kube.LabelSelection;
import dev.ghillie.preview.lifecycle.DebuggablePod;
import dev.ghillie.preview.lifecycle.PreviewAccess;
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
                .resource(DebuggablePod.service())
                .create();
        client.pods()
                .inNamespace("ghillie")
                .resource(DebuggablePod.ready("ghillie-new", Map.of("http", 8080)))
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
