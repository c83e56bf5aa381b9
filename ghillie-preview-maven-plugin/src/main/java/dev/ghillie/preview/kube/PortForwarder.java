package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Forwards a loopback port to the pod behind a Service, for clusters without an ingress controller.
 *
 * <p>The forward goes to a pod resolved from the Service's selector, not through the Service: that is what
 * {@code kubectl port-forward svc/...} does too, and it works on clusters without kube-proxy. The local side binds
 * {@link InetAddress#getLoopbackAddress()} only, never all interfaces.
 */
public final class PortForwarder {

    private final KubernetesClient client;

    public PortForwarder(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Starts forwarding a loopback port to a ready pod behind the Service; the caller closes the session.
     *
     * @param servicePort the Service's port number, or 0 for its first port
     * @param localPort   the loopback port to listen on, or 0 for a free one
     */
    public PortForwardSession forwardService(String namespace, String service, int servicePort, int localPort) {
        if (localPort < 0 || localPort > 65535) {
            throw new IllegalArgumentException("localPort must be 0..65535, was " + localPort);
        }
        ServiceBackend backend;
        try {
            backend = ServiceBackend.resolve(client, namespace, service, servicePort);
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("find the pod behind Service " + service + " in namespace " + namespace, e);
        }
        try {
            LocalPortForward forward = client.pods()
                    .inNamespace(namespace)
                    .withName(backend.pod())
                    .portForward(backend.podPort(), InetAddress.getLoopbackAddress(), localPort);
            return new LocalPortForwardSession(forward, namespace, backend.pod(), backend.podPort());
        } catch (KubernetesClientException | IllegalStateException e) {
            // fabric8 reports a loopback port it cannot bind as IllegalStateException("Unable to port forward").
            throw new KubeException(
                    "Could not forward " + (localPort == 0 ? "a free loopback port" : "127.0.0.1:" + localPort)
                            + " to pod " + backend.pod() + " port " + backend.podPort() + ": " + e.getMessage()
                            + (localPort == 0 ? "" : " (is the port already in use? use 0 for a free one)"),
                    e);
        }
    }
}
