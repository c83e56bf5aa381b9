package dev.ghillie.preview.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;

/**
 * Free TCP ports on 127.0.0.1, where every port of a preview is published. A picked port is free
 * when picked; k3d binds it moments later (a small race a re-run resolves).
 */
public class LoopbackPorts {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** A port the operating system considers free on 127.0.0.1, other than those in {@code taken}. */
    public int pickFree(Set<Integer> taken) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(LOOPBACK, 0));
                int port = socket.getLocalPort();
                if (!taken.contains(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new ClusterException("Cannot find a free port on 127.0.0.1 (" + e.getMessage() + "): set "
                        + ClusterSpec.PORT_SETTING + " to a fixed free port");
            }
        }
        throw new ClusterException(
                "Cannot find a free port on 127.0.0.1: set " + ClusterSpec.PORT_SETTING + " to a fixed free port");
    }

    /** Whether nothing listens on 127.0.0.1:{@code port} right now. */
    public boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
