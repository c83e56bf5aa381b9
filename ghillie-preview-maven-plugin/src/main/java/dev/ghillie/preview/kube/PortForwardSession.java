package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.client.LocalPortForward;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;

/**
 * An open port-forward from a loopback port to a pod. Closing it stops listening and ends open connections.
 */
public final class PortForwardSession implements AutoCloseable {

    private final LocalPortForward forward;
    private final String namespace;
    private final String pod;
    private final int podPort;

    PortForwardSession(LocalPortForward forward, String namespace, String pod, int podPort) {
        this.forward = forward;
        this.namespace = namespace;
        this.pod = pod;
        this.podPort = podPort;
    }

    /** {@code http://127.0.0.1:<port>}, the base URL to hand to tests. */
    public URI url() {
        InetAddress address = localAddress();
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return URI.create("http://" + host + ":" + localPort());
    }

    public InetAddress localAddress() {
        return forward.getLocalAddress();
    }

    public int localPort() {
        return forward.getLocalPort();
    }

    /** The pod the connections go to. */
    public String pod() {
        return pod;
    }

    public int podPort() {
        return podPort;
    }

    /** Whether the local listener still accepts connections. */
    public boolean isAlive() {
        return forward.isAlive();
    }

    /** {@code 127.0.0.1:38123 -> pod/ghillie-abc:8080 (namespace ghillie)}. */
    public String describe() {
        return url().getAuthority() + " -> pod/" + pod + ":" + podPort + " (namespace " + namespace + ")";
    }

    @Override
    public void close() {
        try {
            forward.close();
        } catch (IOException e) {
            // Closing a listener that already failed leaves nothing to clean up.
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
