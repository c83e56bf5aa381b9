package dev.ghillie.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a client can make the runtime log: raw bytes on a socket against the real server, with
 * the runtime's own logging set up, and the lines its console handler writes captured as the
 * process would write them to stderr. A preview's log is what {@code preview:logs} shows, so
 * malformed input gets a 4xx and no stack trace, and at INFO no line at all.
 */
class MalformedRequestTest {

    /** A request line whose method is control bytes: Helidon's token check throws outside its bad-request path. */
    private static final byte[] CONTROL_BYTES_REQUEST_LINE = {0x01, 0x02, 0x03, ' ', '/', ' ',
            'H', 'T', 'T', 'P', '/', '1', '.', '1', '\r', '\n', '\r', '\n'};
    /** The client stops in the middle of the header block and closes its side. */
    private static final String TRUNCATED_REQUEST = "GET /health HTTP/1.1\r\nHost: local";
    /** How many half-open connections the flood opens (the issue saw a stack trace for each of 300). */
    private static final int HALF_OPEN_CONNECTIONS = 50;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final PrintStream originalErr = System.err;

    @AfterEach
    void restoreLogging() throws IOException {
        System.setErr(originalErr);
        LogManager.getLogManager().readConfiguration();
    }

    /** Sets the runtime's logging up with its console handler writing to {@link #stderr}. */
    private void runtimeLoggingAt(Level level) {
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        RuntimeLogging.configure(level);
        // The root logger creates its ConsoleHandler lazily; it takes System.err when created.
        Logger.getLogger("").getHandlers();
        System.setErr(originalErr);
    }

    private List<String> logLines() {
        return stderr.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void controlBytesInTheRequestLineGet400AndNoLogLine() throws Exception {
        runtimeLoggingAt(Level.INFO);
        String response;
        try (GhillieServer server = ServerFixture.start(Map.of())) {
            response = exchange(server.port(), CONTROL_BYTES_REQUEST_LINE);
        } // stopping waits for the connection handlers, so everything they log is written now

        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(logLines()).isEmpty();
    }

    @Test
    void aTruncatedRequestGets400AndNoLogLine() throws Exception {
        runtimeLoggingAt(Level.INFO);
        String response;
        try (GhillieServer server = ServerFixture.start(Map.of())) {
            response = exchange(server.port(), TRUNCATED_REQUEST.getBytes(StandardCharsets.US_ASCII));
        }

        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(logLines()).isEmpty();
    }

    @Test
    void halfOpenConnectionsClosedByTheClientLogNothing() throws Exception {
        runtimeLoggingAt(Level.INFO);
        try (GhillieServer server = ServerFixture.start(Map.of())) {
            halfOpenFlood(server.port());
        }

        assertThat(logLines()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEBUG", "TRACE"})
    void atFinerLevelsMalformedInputStillWritesNoStackTrace(String level) throws Exception {
        runtimeLoggingAt(RuntimeConfig.fromEnvironment(Map.of("GHILLIE_LOG_LEVEL", level)).logLevel());
        try (GhillieServer server = ServerFixture.start(Map.of())) {
            int port = server.port();
            assertThat(exchange(port, CONTROL_BYTES_REQUEST_LINE)).startsWith("HTTP/1.1 400 ");
            assertThat(exchange(port, TRUNCATED_REQUEST.getBytes(StandardCharsets.US_ASCII))).startsWith("HTTP/1.1 400 ");
            assertThat(exchange(port, "GET /health?a=%zz HTTP/1.1\r\nHost: local\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                    .startsWith("HTTP/1.1 400 ");
            halfOpenFlood(port);
        }

        assertThat(logLines()).as("debug output is there").isNotEmpty();
        assertThat(logLines()).as("no stack trace lines").noneMatch(MalformedRequestTest::isStackTraceLine);
    }

    @Test
    void aWellFormedRequestStillAnswers() throws Exception {
        runtimeLoggingAt(Level.INFO);
        String response;
        try (GhillieServer server = ServerFixture.start(Map.of())) {
            response = exchange(server.port(),
                    "GET /health HTTP/1.1\r\nHost: local\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }

        assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("{\"status\":\"ok\"}");
        assertThat(logLines()).isEmpty();
    }

    private static boolean isStackTraceLine(String line) {
        return line.startsWith("\tat ") || line.startsWith("Caused by: ") || line.matches("\\s+\\.\\.\\. \\d+ more");
    }

    /** Sends the bytes, closes the sending side as a client that is done does, and reads the whole answer. */
    private static String exchange(int port, byte[] request) throws IOException {
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
     * some after a request line, some after nothing at all. A well-formed request on a connection
     * opened after them ends the flood: the server accepts in order, so once it answers, every
     * connection of the flood has been handed to a handler, and stopping the server waits for those.
     * (Connections still in the accept queue while the server stops would hit a Helidon shutdown
     * race that logs at ERROR; that is the server stopping, not what a client sent.)
     */
    private static void halfOpenFlood(int port) throws IOException {
        for (int i = 0; i < HALF_OPEN_CONNECTIONS; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                if (i % 2 == 0) {
                    socket.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
            }
        }
        assertThat(exchange(port, "GET /health HTTP/1.1\r\nHost: local\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII))).startsWith("HTTP/1.1 200 ");
    }
}
