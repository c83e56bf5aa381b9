package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.kube.LabelSelection;
import dev.ghillie.preview.settings.DebugPort;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class DebugForwardTest {

    private static final String NS = "ghillie";
    private static final LabelSelection RELEASE = LabelSelection.helmRelease(NS, "ghillie");

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void listensOnTheIpv4LoopbackOnlyAndForwardsToTheReadyPodThatDeclaresTheJdwpPort() throws Exception {
        DebugPort port = new DebugPort(freePort());
        // A pod from before debugging was turned on (no jdwp port), one still starting, and the one to attach to.
        pod("ghillie-old", "2026-12-01T10:00:00Z", true, 0);
        pod("ghillie-new", "2026-12-01T11:00:00Z", true, port.port());
        pod("ghillie-starting", "2026-12-01T12:00:00Z", false, port.port());
        CompletableFuture<RecordedRequest> forwarded = new CompletableFuture<>();
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/ghillie/pods/ghillie-new/portforward?ports=" + port.port())
                .andReply(200, request -> {
                    forwarded.complete(request);
                    return "";
                })
                .always();

        try (DebugForward forward = DebugForward.open(client, RELEASE, port)) {
            assertThat(forward.localAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(forward.localPort()).isEqualTo(port.port());
            assertThat(forward.pod()).isEqualTo("ghillie-new");
            assertThat(forward.describe()).isEqualTo("127.0.0.1:" + port.port() + " -> pod/ghillie-new:" + port.port());
            assertThat(forward.isAlive()).isTrue();
            // The machine's other addresses do not listen: a JDWP port lets whoever connects run code.
            for (InetAddress address : nonLoopbackAddresses()) {
                assertThatThrownBy(() -> {
                            try (Socket socket = new Socket()) {
                                socket.connect(new InetSocketAddress(address, port.port()), 2000);
                            }
                        })
                        .as("connect to %s", address)
                        .isInstanceOf(IOException.class);
            }
            try (Socket ignored = new Socket(InetAddress.getByName("127.0.0.1"), port.port())) {
                assertThat(forwarded).succeedsWithin(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aPodWithoutTheJdwpPortIsNotAttachedToAndTheErrorSaysWhy() {
        DebugPort port = new DebugPort(5005);
        pod("ghillie-before-debug", "2026-12-01T10:00:00Z", true, 0);

        assertThatThrownBy(() -> DebugForward.open(client, RELEASE, port))
                .isInstanceOf(PreviewException.class)
                .hasMessage(
                        "no ready pod with app.kubernetes.io/instance=ghillie in namespace ghillie declares container port jdwp 5005"
                                + " (ghillie.preview.debug): the chart must render debug.port as charts/ghillie does");
    }

    private void pod(String name, String created, boolean ready, int jdwpPort) {
        PodBuilder pod = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withCreationTimestamp(created)
                .withLabels(Map.of("app.kubernetes.io/instance", "ghillie"))
                .endMetadata();
        var container = pod.withNewSpec()
                .addNewContainer()
                .withName("ghillie")
                .withImage("ghillie:dev")
                .addNewPort()
                .withName("http")
                .withContainerPort(8080)
                .endPort();
        if (jdwpPort > 0) {
            container = container
                    .addNewPort()
                    .withName("jdwp")
                    .withContainerPort(jdwpPort)
                    .endPort();
        }
        client.pods()
                .inNamespace(NS)
                .resource(container
                        .endContainer()
                        .endSpec()
                        .withNewStatus()
                        .withPhase("Running")
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus(ready ? "True" : "False")
                        .endCondition()
                        .endStatus()
                        .build())
                .create();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address
                        && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress())
                .toList();
    }
}
