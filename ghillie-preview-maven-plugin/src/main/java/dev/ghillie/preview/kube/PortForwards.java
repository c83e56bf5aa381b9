package dev.ghillie.preview.kube;

/** Opens loopback port-forwards to Services; {@link PortForwarder} is the fabric8 implementation. */
@FunctionalInterface
public interface PortForwards {

    /**
     * Starts forwarding a loopback port to a ready pod behind the Service; the caller closes the session.
     *
     * @param servicePort the Service's port number, or 0 for its first port
     * @param localPort   the loopback port to listen on, or 0 for a free one
     */
    PortForwardSession forwardService(String namespace, String service, int servicePort, int localPort);
}
