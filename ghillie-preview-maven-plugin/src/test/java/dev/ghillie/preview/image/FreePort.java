package dev.ghillie.preview.image;

import java.io.IOException;
import java.net.ServerSocket;

/** A loopback port nothing listens on right now, for servers the tests start. */
final class FreePort {

    private FreePort() {}

    static int find() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
