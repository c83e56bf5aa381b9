package dev.ghillie.preview.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PortForwarderTest {

    static final String NS = "ghillie";
    static final Map<String, String> SELECTOR =
            Map.of("app.kubernetes.io/name", "ghillie", "app.kubernetes.io/instance", "ghillie");

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void forwardsALoopbackPortToTheReadyPodBehindTheServiceAtItsNamedTargetPort() throws Exception {
        service(new IntOrString("http"));
        pod("ghillie-starting", false);
        pod("ghillie-ready", true);
        CompletableFuture<RecordedRequest> forwarded = new CompletableFuture<>();
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/ghillie/pods/ghillie-ready/portforward?ports=8080")
                .andReply(200, request -> {
                    forwarded.complete(request);
                    return "";
                })
                .always();

        try (PortForwardSession session = new PortForwarder(client).forwardService(NS, "ghillie", 80, 0)) {
            assertThat(session.localAddress().isLoopbackAddress()).isTrue();
            assertThat(session.localPort()).isPositive();
            assertThat(session.url().toString())
                    .isEqualTo(
                            "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + session.localPort());
            assertThat(session.pod()).isEqualTo("ghillie-ready");
            assertThat(session.podPort()).isEqualTo(8080);
            assertThat(session.isAlive()).isTrue();

            // fabric8 opens the pod connection when a local client connects.
            try (Socket ignored = new Socket(session.localAddress(), session.localPort())) {
                assertThat(forwarded).succeedsWithin(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void bytesFromThePodArriveOnTheLocalPort() throws Exception {
        service(new IntOrString("http"));
        pod("ghillie-ready", true);
        // The API server's port-forward protocol: one frame per channel (0 data, 1 error) naming the port, then
        // data frames prefixed with their channel.
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/ghillie/pods/ghillie-ready/portforward?ports=8080")
                .andUpgradeToWebSocket()
                .open(
                        frame(0, new byte[] {(byte) 0x90, 0x1f}),
                        frame(1, new byte[] {(byte) 0x90, 0x1f}),
                        frame(0, "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII)))
                // The mock closes the WebSocket the moment it has no message pending, which can fall between two of
                // the frames above; an expectation that never fires keeps it open until the forward closes it.
                .expect("never sent")
                .andEmit("unused")
                .once()
                .done()
                .always();

        try (PortForwardSession session = new PortForwarder(client).forwardService(NS, "ghillie", 80, 0);
                Socket socket = new Socket(session.localAddress(), session.localPort())) {
            socket.setSoTimeout(10_000);
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));

            assertThat(reader.readLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    private static WebSocketMessage frame(int channel, byte[] payload) {
        byte[] frame = new byte[payload.length + 1];
        frame[0] = (byte) channel;
        System.arraycopy(payload, 0, frame, 1, payload.length);
        return new WebSocketMessage(0L, frame, false, true);
    }

    @Test
    void aNumericTargetPortAndTheFirstServicePortAreUsedWhenNoPortIsGiven() {
        service(new IntOrString(9090));
        pod("ghillie-ready", true);

        try (PortForwardSession session = new PortForwarder(client).forwardService(NS, "ghillie", 0, 0)) {
            assertThat(session.podPort()).isEqualTo(9090);
            assertThat(session.describe())
                    .matches("127\\.0\\.0\\.1:\\d+ -> pod/ghillie-ready:9090 \\(namespace ghillie\\)");
        }
    }

    /** preview:dev opens the forward again on the user's port after each rollout; another process may hold it. */
    @Test
    void aLoopbackPortInUseIsAClearError() throws Exception {
        service(new IntOrString("http"));
        pod("ghillie-ready", true);
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            KubeException e = catchThrowableOfType(
                    KubeException.class,
                    () -> new PortForwarder(client).forwardService(NS, "ghillie", 80, taken.getLocalPort()));

            assertThat(e.getMessage())
                    .startsWith(
                            "Could not forward 127.0.0.1:" + taken.getLocalPort() + " to pod ghillie-ready port 8080: ")
                    .endsWith("(is the port already in use? use 0 for a free one)");
        }
    }

    @Test
    void noReadyPodIsAClearError() {
        service(new IntOrString("http"));
        pod("ghillie-starting", false);

        KubeException e = catchThrowableOfType(
                KubeException.class, () -> new PortForwarder(client).forwardService(NS, "ghillie", 80, 0));

        assertThat(e.getMessage())
                .isEqualTo(
                        "Service ghillie in namespace ghillie has no ready pod behind it (selector "
                                + "app.kubernetes.io/instance=ghillie,app.kubernetes.io/name=ghillie): wait for the rollout to finish, then retry.");
    }

    @Test
    void aMissingServiceOrPortIsAClearError() {
        assertThat(catchThrowableOfType(
                                KubeException.class,
                                () -> new PortForwarder(client).forwardService(NS, "ghillie", 80, 0))
                        .getMessage())
                .isEqualTo("Service ghillie in namespace ghillie does not exist: check the release name and that the "
                        + "chart was installed.");

        service(new IntOrString("http"));
        pod("ghillie-ready", true);
        assertThat(catchThrowableOfType(
                                KubeException.class,
                                () -> new PortForwarder(client).forwardService(NS, "ghillie", 8443, 0))
                        .getMessage())
                .isEqualTo("Service ghillie in namespace ghillie has no port 8443; its ports are 80.");
    }

    private void service(IntOrString targetPort) {
        client.services()
                .inNamespace(NS)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("ghillie")
                        .endMetadata()
                        .withNewSpec()
                        .withSelector(SELECTOR)
                        .addNewPort()
                        .withName("http")
                        .withPort(80)
                        .withTargetPort(targetPort)
                        .endPort()
                        .endSpec()
                        .build())
                .create();
    }

    private void pod(String name, boolean ready) {
        client.pods()
                .inNamespace(NS)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(SELECTOR)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("ghillie")
                        .withImage("ghillie:dev")
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
                        .withStatus(ready ? "True" : "False")
                        .endCondition()
                        .endStatus()
                        .build())
                .create();
    }
}
