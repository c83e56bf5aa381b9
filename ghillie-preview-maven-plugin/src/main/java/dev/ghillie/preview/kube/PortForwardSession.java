package dev.ghillie.preview.kube;

import java.net.InetAddress;
import java.net.URI;

/** An open port-forward from a loopback port to a pod. Closing it stops listening and ends open connections. */
public interface PortForwardSession extends AutoCloseable {

    /** {@code http://127.0.0.1:<port>}, the base URL to hand to tests. */
    URI url();

    InetAddress localAddress();

    int localPort();

    /** The pod the connections go to. */
    String pod();

    int podPort();

    /** Whether the local listener still accepts connections. */
    boolean isAlive();

    /** {@code 127.0.0.1:38123 -> pod/ghillie-abc:8080 (namespace ghillie)}. */
    String describe();

    @Override
    void close();
}
