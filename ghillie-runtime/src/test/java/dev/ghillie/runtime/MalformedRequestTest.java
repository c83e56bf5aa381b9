package dev.ghillie.runtime;

import static dev.ghillie.runtime.testing.RawHttpClient.CONTROL_BYTES_REQUEST_LINE;
import static dev.ghillie.runtime.testing.RawHttpClient.HEALTH_REQUEST;
import static dev.ghillie.runtime.testing.RawHttpClient.TRUNCATED_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.runtime.testing.RawHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
        // The root logger's ConsoleHandler takes System.err when it is created, which configure() does.
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
            response = new RawHttpClient(server.port()).exchange(CONTROL_BYTES_REQUEST_LINE);
        } // stopping waits for the connection handlers, so everything they log is written now

        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(logLines()).isEmpty();
    }

    @Test
    void aTruncatedRequestGets400AndNoLogLine() throws Exception {
        runtimeLoggingAt(Level.INFO);
        String response;
        try (GhillieServer server = ServerFixture.start(Map.of())) {
            response = new RawHttpClient(server.port()).exchange(TRUNCATED_REQUEST);
        }

        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(logLines()).isEmpty();
    }

    @Test
    void halfOpenConnectionsClosedByTheClientLogNothing() throws Exception {
        runtimeLoggingAt(Level.INFO);
        try (GhillieServer server = ServerFixture.start(Map.of())) {
            assertThat(new RawHttpClient(server.port()).halfOpenFlood(HALF_OPEN_CONNECTIONS))
                    .startsWith("HTTP/1.1 200 ");
        }

        assertThat(logLines()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEBUG", "TRACE"})
    void atFinerLevelsMalformedInputStillWritesNoStackTrace(String level) throws Exception {
        runtimeLoggingAt(RuntimeConfig.fromEnvironment(Map.of("GHILLIE_LOG_LEVEL", level))
                .logLevel());
        try (GhillieServer server = ServerFixture.start(Map.of())) {
            RawHttpClient client = new RawHttpClient(server.port());
            assertThat(client.exchange(CONTROL_BYTES_REQUEST_LINE)).startsWith("HTTP/1.1 400 ");
            assertThat(client.exchange(TRUNCATED_REQUEST)).startsWith("HTTP/1.1 400 ");
            assertThat(client.exchange(
                            "GET /health?a=%zz HTTP/1.1\r\nHost: local\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                    .startsWith("HTTP/1.1 400 ");
            assertThat(client.halfOpenFlood(HALF_OPEN_CONNECTIONS)).startsWith("HTTP/1.1 200 ");
        }

        assertThat(logLines()).as("debug output is there").isNotEmpty();
        assertThat(logLines()).as("no stack trace lines").noneMatch(RawHttpClient::isStackTraceLine);
    }

    @Test
    void aWellFormedRequestStillAnswers() throws Exception {
        runtimeLoggingAt(Level.INFO);
        String response;
        try (GhillieServer server = ServerFixture.start(Map.of())) {
            response = new RawHttpClient(server.port()).exchange(HEALTH_REQUEST);
        }

        assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("{\"status\":\"ok\"}");
        assertThat(logLines()).isEmpty();
    }
}
