package dev.ghillie.preview.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.ProgressLines;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.kube.LabelSelection;
import dev.ghillie.preview.lifecycle.DebugForward;
import dev.ghillie.preview.lifecycle.DebuggablePod;
import dev.ghillie.preview.lifecycle.PreviewAccess;
import dev.ghillie.preview.settings.DebugPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** preview:dev with the debugger: after a rollout the forward leaves the old pod for the new one, on the same port. */
@EnableKubernetesMockClient(crud = true, https = false)
class DebuggerRefreshTest {

    static final LabelSelection RELEASE = LabelSelection.helmRelease("ghillie", "ghillie");

    KubernetesMockServer server;
    KubernetesClient client;

    /** Ingress: up's own access reaches the debugger's refresh as it is (the URL needs no refresh). */
    @Test
    void afterARolloutTheForwardMovesToTheNewPodOnTheSamePort() throws Exception {
        DebugPort port = freePort();
        pod("ghillie-old", port);
        DebugForward old = DebugForward.open(client, RELEASE, port);
        AtomicBoolean upsSessionClosed = new AtomicBoolean();
        PreviewAccess fromUp = new PreviewAccess(
                "http://127.0.0.1:8081", "ingress", () -> upsSessionClosed.set(true), java.util.Optional.of(old));
        client.pods().inNamespace("ghillie").withName("ghillie-old").delete();
        pod("ghillie-new", port);
        List<String> lines = new ArrayList<>();

        try (DebuggerRefresh refresh = new DebuggerRefresh(client, RELEASE, port, ProgressLines.to(lines::add))) {
            PreviewAccess afterRollout = refresh.afterRollout(fromUp);

            DebugForward moved = afterRollout.debugger().orElseThrow();
            assertThat(old.isAlive()).isFalse();
            assertThat(upsSessionClosed)
                    .as("up's session: its forward's client")
                    .isTrue();
            assertThat(moved.isAlive()).isTrue();
            assertThat(moved.describe()).isEqualTo(port.attachAddress() + " -> pod/ghillie-new:" + port.port());
            assertThat(lines).containsExactly("debugger " + moved.describe());
            assertThat(afterRollout.url()).isEqualTo("http://127.0.0.1:8081");

            afterRollout.session().close();
            assertThat(moved.isAlive()).isFalse();
        }
    }

    @Test
    void aRoundThatLeftThePodInPlaceKeepsTheForwardAndTheIdesSession() throws Exception {
        DebugPort port = freePort();
        pod("ghillie-same", port);
        List<String> lines = new ArrayList<>();
        AtomicBoolean urlSessionClosed = new AtomicBoolean();
        PreviewAccess ingress = new PreviewAccess("http://127.0.0.1:8081", "ingress", () -> urlSessionClosed.set(true));

        try (DebuggerRefresh refresh = new DebuggerRefresh(client, RELEASE, port, ProgressLines.to(lines::add))) {
            PreviewAccess first = refresh.afterRollout(ingress);
            // Ingress has no refresh of its own: the loop hands back what the last round returned.
            PreviewAccess second = refresh.afterRollout(first);

            assertThat(second.debugger()).containsSame(first.debugger().orElseThrow());
            assertThat(second.debugger().orElseThrow().isAlive()).isTrue();
            assertThat(lines).hasSize(1);
            second.session().close();
            assertThat(second.debugger().orElseThrow().isAlive()).isFalse();
            assertThat(urlSessionClosed).isTrue();
        }
    }

    /** Port-forward access, as preview:dev composes the refreshes: the URL's first, then the debugger's. */
    @Test
    void withPortForwardARoundThatLeftThePodInPlaceKeepsTheDebuggersForwardToo() throws Exception {
        DebugPort port = freePort();
        client.services()
                .inNamespace("ghillie")
                .resource(DebuggablePod.service())
                .create();
        client.pods()
                .inNamespace("ghillie")
                .resource(DebuggablePod.ready("ghillie-same", Map.of("http", 8080, "jdwp", port.port())))
                .create();
        int urlPort = freePort().port();
        PreviewAccess fromUp = new PreviewAccess("http://127.0.0.1:" + urlPort, "port-forward", () -> {});

        try (PortForwardRefresh url = new PortForwardRefresh(client, RELEASE, ProgressSink.silent());
                DebuggerRefresh debugger = new DebuggerRefresh(client, RELEASE, port, ProgressSink.silent())) {
            AccessRefresh both = access -> debugger.afterRollout(url.afterRollout(access));
            PreviewAccess first = both.afterRollout(fromUp);
            PreviewAccess second = both.afterRollout(first);

            assertThat(second.debugger()).containsSame(first.debugger().orElseThrow());
            assertThat(second.debugger().orElseThrow().isAlive()).isTrue();
            second.session().close();
            assertThat(second.debugger().orElseThrow().isAlive()).isFalse();
        }
    }

    @Test
    void aForwardThatCannotFollowLeavesTheRoundServingWithoutADebuggerAndSaysSo() throws Exception {
        DebugPort port = freePort();
        AtomicBoolean urlSessionClosed = new AtomicBoolean();
        PreviewAccess afterUrlRefresh =
                new PreviewAccess("http://127.0.0.1:8081", "port-forward", () -> urlSessionClosed.set(true));
        List<String> lines = new ArrayList<>();

        try (DebuggerRefresh refresh = new DebuggerRefresh(client, RELEASE, port, ProgressLines.to(lines::add))) {
            PreviewAccess access = refresh.afterRollout(afterUrlRefresh);

            assertThat(access.debugger()).isEmpty();
            assertThat(access.url()).isEqualTo("http://127.0.0.1:8081");
            assertThat(urlSessionClosed).isFalse();
            assertThat(lines)
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("the debugger's forward did not follow the rollout: no ready pod with");
        }
    }

    private static DebugPort freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return new DebugPort(free.getLocalPort());
        }
    }

    private void pod(String name, DebugPort port) {
        client.pods()
                .inNamespace("ghillie")
                .resource(DebuggablePod.ready(name, port.port()))
                .create();
    }
}
