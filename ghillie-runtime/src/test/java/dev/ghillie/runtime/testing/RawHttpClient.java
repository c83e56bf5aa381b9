package dev.ghillie.runtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Bytes on a plain socket, for requests no HTTP client would send. */
public final class RawHttpClient {

    /** A request line whose method is control bytes. */
    public static final byte[] CONTROL_BYTES_REQUEST_LINE = {
        0x01, 0x02, 0x03, ' ', '/', ' ', 'H', 'T', 'T', 'P', '/', '1', '.', '1', '\r', '\n', '\r', '\n'
    };
    /** A request that stops in the middle of its header block. */
    public static final byte[] TRUNCATED_REQUEST =
            "GET /health HTTP/1.1\r\nHost: local".getBytes(StandardCharsets.US_ASCII);

    public static final byte[] HEALTH_REQUEST =
            "GET /health HTTP/1.1\r\nHost: local\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int port;

    public RawHttpClient(int port) {
        this.port = port;
    }

    /** Sends the bytes, closes the sending side as a client that is done does, and reads the whole answer. */
    public String exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.shutdownOutput();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
        }
    }

    /**
     * Connections that start a request and are closed by the client without reading an answer:
     * every other one after a request line, the rest after nothing at all. A well-formed request on
     * a connection opened after them ends the flood: the server accepts in order, so once it has
     * answered, every connection of the flood has been handed to a handler. (Connections still in
     * the accept queue when the server stops would meet a Helidon shutdown race that logs at ERROR;
     * that is the server stopping, not what a client sent.)
     *
     * @return the answer to the closing well-formed request
     */
    public String halfOpenFlood(int connections) throws IOException {
        for (int i = 0; i < connections; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                if (i % 2 == 0) {
                    socket.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
            }
        }
        return exchange(HEALTH_REQUEST);
    }

    public static boolean isStackTraceLine(String line) {
        return line.startsWith("\tat ") || line.startsWith("Caused by: ") || line.matches("\\s+\\.\\.\\. \\d+ more");
    }
}
