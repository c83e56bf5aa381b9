package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;

/** A {@link PortForwardSession} over fabric8's {@link LocalPortForward}. */
final class LocalPortForwardSession implements PortForwardSession {

    private final LocalPortForward forward;
    private final String namespace;
    private final String pod;
    private final int podPort;

    LocalPortForwardSession(LocalPortForward forward, String namespace, String pod, int podPort) {
        this.forward = forward;
        this.namespace = namespace;
        this.pod = pod;
        this.podPort = podPort;
    }

    @Override
    public URI url() {
        InetAddress address = localAddress();
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return URI.create("http://" + host + ":" + localPort());
    }

    @Override
    public InetAddress localAddress() {
        return forward.getLocalAddress();
    }

    @Override
    public int localPort() {
        return forward.getLocalPort();
    }

    @Override
    public String pod() {
        return pod;
    }

    @Override
    public int podPort() {
        return podPort;
    }

    @Override
    public boolean isAlive() {
        return forward.isAlive();
    }

    @Override
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
