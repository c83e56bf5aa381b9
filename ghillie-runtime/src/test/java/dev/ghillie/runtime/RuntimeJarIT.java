package dev.ghillie.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.runtime.testing.FreePort;
import dev.ghillie.runtime.testing.HttpProbe;
import dev.ghillie.runtime.testing.RawHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged thin jar as users and the image run it: {@code java -jar}, exit codes, signals. */
class RuntimeJarIT {

    @TempDir
    Path temp;

    private Process process;
    private Path log;

    @AfterEach
    void killLeftovers() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private Process launch(Map<String, String> env) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", System.getProperty("ghillie.runtime.jar"));
        builder.environment().keySet().removeIf(name -> name.startsWith("GHILLIE_") || name.endsWith("_URL"));
        builder.environment().putAll(env);
        log = temp.resolve("runtime.log");
        process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return process;
    }

    private List<String> output() throws IOException {
        return Files.readAllLines(log);
    }

    private int exitCode() throws InterruptedException {
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("the process exits")
                .isTrue();
        return process.exitValue();
    }

    @Test
    void aBadPortStopsStartUpWithOneLineNamingTheVariable() throws Exception {
        launch(Map.of("GHILLIE_PORT", "abc"));

        assertThat(exitCode()).isEqualTo(2);
        assertThat(output())
                .containsExactly(
                        "ghillie-runtime: GHILLIE_PORT='abc' is not a port: use a whole number from 0 to 65535 (0 picks a free port)");
    }

    @Test
    void aMalformedDatabaseUrlStopsStartUpWithoutShowingThePassword() throws Exception {
        launch(Map.of("DATABASE_URL", "mysql://app:Top-Secret-1@db:3306/app"));

        assertThat(exitCode()).isEqualTo(2);
        assertThat(output()).hasSize(1);
        assertThat(output().getFirst())
                .startsWith("ghillie-runtime: DATABASE_URL must start with postgresql://")
                .doesNotContain("Top-Secret-1");
    }

    @Test
    void logsExactlyOneStartUpLineAtInfo() throws Exception {
        int port = FreePort.pick();
        launch(Map.of("GHILLIE_HOST", "127.0.0.1", "GHILLIE_PORT", Integer.toString(port)));
        HttpProbe http = new HttpProbe(port);
        awaitStatus(http, "/health", 200);
        for (int i = 0; i < 20; i++) {
            http.get("/health");
            http.get("/ready");
        }

        assertThat(output()).hasSize(1);
        assertThat(output().getFirst())
                .matches(
                        "\\S+Z INFO dev\\.ghillie\\.runtime\\.Main: ghillie-runtime \\S+ \\(commit \\S+\\) listening on http://127\\.0\\.0\\.1:"
                                + port + " in \\d+ ms");
    }

    @Test
    void malformedInputLeavesOnlyTheStartUpLineInTheProcessLog() throws Exception {
        int port = FreePort.pick();
        launch(Map.of("GHILLIE_HOST", "127.0.0.1", "GHILLIE_PORT", Integer.toString(port)));
        awaitStatus(new HttpProbe(port), "/health", 200);
        RawHttpClient client = new RawHttpClient(port);

        assertThat(client.exchange(RawHttpClient.CONTROL_BYTES_REQUEST_LINE)).startsWith("HTTP/1.1 400 ");
        assertThat(client.exchange(RawHttpClient.TRUNCATED_REQUEST)).startsWith("HTTP/1.1 400 ");
        assertThat(client.halfOpenFlood(300)).startsWith("HTTP/1.1 200 ");
        process.destroy(); // SIGTERM: the server stops after its connection handlers, then the JVM exits
        exitCode();

        assertThat(output()).noneMatch(RawHttpClient::isStackTraceLine);
        assertThat(output()).singleElement().asString().contains("INFO dev.ghillie.runtime.Main: ghillie-runtime ");
    }

    @Test
    void sigtermTurnsReadyUnavailableFirstThenExits() throws Exception {
        int port = FreePort.pick();
        launch(Map.of(
                "GHILLIE_HOST", "127.0.0.1", "GHILLIE_PORT", Integer.toString(port), "GHILLIE_DRAIN_DELAY_MS", "5000"));
        HttpProbe http = new HttpProbe(port);
        awaitStatus(http, "/ready", 200);

        process.destroy(); // SIGTERM

        HttpProbe.Response ready = awaitStatus(http, "/ready", 503);
        assertThat(ready.body()).contains("\"shutdown\":\"the service is stopping\"");
        assertThat(http.get("/health").status()).isEqualTo(200);
        exitCode();
    }

    @Test
    void sigtermLetsARequestInFlightFinish() throws Exception {
        int port = FreePort.pick();
        try (ServerSocket silentDatabase = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            launch(Map.of(
                    "GHILLIE_HOST",
                    "127.0.0.1",
                    "GHILLIE_PORT",
                    Integer.toString(port),
                    "GHILLIE_CHECK_TIMEOUT_MS",
                    "3000",
                    "DATABASE_URL",
                    "postgresql://u:p@127.0.0.1:" + silentDatabase.getLocalPort() + "/db"));
            HttpProbe http = new HttpProbe(port);
            awaitStatus(http, "/health", 200);

            CompletableFuture<HttpProbe.Response> inFlight = CompletableFuture.supplyAsync(() -> http.get("/ready"));
            // The readiness check has connected to the silent database: the request is now in flight.
            try (Socket held = silentDatabase.accept()) {
                process.destroy(); // SIGTERM

                HttpProbe.Response response = inFlight.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).isEqualTo(503);
                assertThat(response.body())
                        .isEqualTo(
                                "{\"status\":\"not-ready\",\"checks\":{\"shutdown\":\"the service is stopping\",\"database\":\"timed out\"}}");
            }
        }
        exitCode();
    }

    private static HttpProbe.Response awaitStatus(HttpProbe http, String path, int status) throws InterruptedException {
        RuntimeException lastError = null;
        for (int attempt = 0; attempt < 300; attempt++) {
            try {
                HttpProbe.Response response = http.get(path);
                if (response.status() == status) {
                    return response;
                }
            } catch (UncheckedIOException notListeningYet) {
                lastError = notListeningYet;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + status + " from " + path, lastError);
    }
}
