package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.kube.ApiFailure;
import dev.ghillie.preview.kube.LabelSelection;
import dev.ghillie.preview.settings.DebugPort;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ghillie.preview.debug}: a port-forward from {@code 127.0.0.1:PORT} to the debugger (JDWP) port of the
 * release's newest ready pod, held while the goal runs. Only the IPv4 loopback listens: a JDWP port lets whoever
 * connects run code in the service, so it must never be reachable from the network. The forward goes to the pod,
 * not through the Service: the Service carries HTTP only, and a paused JVM leaves it (its readiness fails).
 */
public final class DebugForward implements AutoCloseable {

    /** The chart's name for the container port the JVM's debugger listens on. */
    static final String PORT_NAME = "jdwp";

    private final LocalPortForward forward;
    private final String pod;
    private final DebugPort port;

    private DebugForward(LocalPortForward forward, String pod, DebugPort port) {
        this.forward = forward;
        this.pod = pod;
        this.port = port;
    }

    /** Forwards {@code 127.0.0.1:PORT} to port PORT of the newest ready pod of {@code release} that declares it. */
    public static DebugForward open(KubernetesClient client, LabelSelection release, DebugPort port) {
        return open(client, release, port, debuggablePod(client, release, port));
    }

    /** The same, to the pod {@link #debuggablePod} found for a caller that asked already (empty: none). */
    public static DebugForward open(
            KubernetesClient client, LabelSelection release, DebugPort port, Optional<String> debuggablePod) {
        String pod = debuggablePod.orElseThrow(() -> new PreviewException("no ready pod with "
                + release.selector() + " in namespace " + release.namespace() + " declares container port "
                + PORT_NAME + " "
                + port.port()
                + " (ghillie.preview.debug): the chart must render debug.port as charts/ghillie does"));
        try {
            LocalPortForward forward = client.pods()
                    .inNamespace(release.namespace())
                    .withName(pod)
                    .portForward(port.port(), ipv4Loopback(), port.port());
            return new DebugForward(forward, pod, port);
        } catch (KubernetesClientException | IllegalStateException e) {
            // fabric8 reports a port it cannot bind as IllegalStateException("Unable to port forward").
            throw new PreviewException(
                    "cannot listen on " + port.attachAddress() + " for the debugger of pod " + pod + ": "
                            + e.getMessage()
                            + " (another process uses the port? choose another with -Dghillie.preview.debug=PORT)",
                    e);
        }
    }

    /** The pod {@link #open} would forward to now: the newest ready one of {@code release} that declares the port. */
    public static Optional<String> debuggablePod(KubernetesClient client, LabelSelection release, DebugPort port) {
        List<Pod> pods;
        try {
            pods = client.pods()
                    .inNamespace(release.namespace())
                    .withLabels(release.labels())
                    .list()
                    .getItems();
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("list the pods " + release.describe() + " to attach the debugger to", e);
        }
        // The newest: after a rollout it is the one running the image just built.
        return pods.stream()
                .filter(DebugForward::ready)
                .filter(pod -> declares(pod, port))
                .max(Comparator.comparing(DebugForward::created)
                        .thenComparing(p -> p.getMetadata().getName()))
                .map(p -> p.getMetadata().getName());
    }

    /** As an instant: RFC 3339 text with and without fractions of a second does not sort as text. */
    private static java.time.Instant created(Pod pod) {
        try {
            return java.time.Instant.parse(Objects.toString(pod.getMetadata().getCreationTimestamp(), ""));
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.Instant.EPOCH;
        }
    }

    private static boolean ready(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null
                && pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static boolean declares(Pod pod, DebugPort port) {
        return pod.getSpec().getContainers().stream()
                .map(Container::getPorts)
                .filter(Objects::nonNull)
                .flatMap(List::stream)
                .anyMatch(p -> PORT_NAME.equals(p.getName()) && Objects.equals(p.getContainerPort(), port.port()));
    }

    /** 127.0.0.1, not "localhost" or ::1: the address the attach line names, whatever the resolver prefers. */
    static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    public InetAddress localAddress() {
        return forward.getLocalAddress();
    }

    public int localPort() {
        return forward.getLocalPort();
    }

    public String pod() {
        return pod;
    }

    /**
     * Whether the forward still listens: false after {@link #close()} or when the listener failed. A pod replaced by a
     * later rollout does not end it; new connections then fail, and a new {@code up} opens a forward to the new pod.
     */
    public boolean isAlive() {
        return forward.isAlive();
    }

    /** {@code 127.0.0.1:5005 -> pod/ghillie-abc:5005}: the step line's detail. */
    public String describe() {
        return port.attachAddress() + " -> pod/" + pod + ":" + port.port();
    }

    @Override
    public void close() {
        try {
            forward.close();
        } catch (IOException e) {
            // A listener that already failed leaves nothing to clean up.
        }
    }
}
