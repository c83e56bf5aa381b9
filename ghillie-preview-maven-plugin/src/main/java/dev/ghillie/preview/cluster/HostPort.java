package dev.ghillie.preview.cluster;

/**
 * A host address and port as k3d reports it ({@code HostIp}/{@code HostPort}).
 *
 * @param host the bound address; empty or {@code 0.0.0.0} when k3d bound every interface
 * @param port the host port
 */
public record HostPort(String host, int port) {

    /** No port on this machine: an existing cluster's ingress. */
    public static final HostPort NONE = new HostPort("", 0);

    public HostPort {
        host = host == null ? "" : host;
    }

    /** The address a local client should dial: loopback when the port is bound to every interface. */
    public String dialHost() {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    @Override
    public String toString() {
        return dialHost() + ":" + port;
    }
}
