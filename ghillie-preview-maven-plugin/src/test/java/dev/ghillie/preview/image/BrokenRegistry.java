package dev.ghillie.preview.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain-HTTP "registry" on loopback that answers every request with one status. Like a real
 * plain-HTTP server it answers a TLS hello with 400 at once, so Jib falls back to HTTP quickly.
 */
final class BrokenRegistry implements AutoCloseable {

    private static final int TLS_HANDSHAKE_RECORD = 0x16;

    private final ServerSocket server;
    private final Thread acceptor;

    private BrokenRegistry(ServerSocket server, int status) {
        this.server = server;
        this.acceptor = Thread.ofVirtual().start(() -> serve(status));
    }

    static BrokenRegistry answering(int status) throws IOException {
        return new BrokenRegistry(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), status);
    }

    String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void serve(int status) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                int first = in.read();
                String response = first == TLS_HANDSHAKE_RECORD
                        ? "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n"
                        : "HTTP/1.1 " + status + " Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                if (first != TLS_HANDSHAKE_RECORD) {
                    in.readNBytes(in.available());
                }
                OutputStream out = socket.getOutputStream();
                out.write(response.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedOrReset) {
                // next connection, or the server was closed
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        acceptor.join();
    }
}
