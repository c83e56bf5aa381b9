package dev.ghillie.preview.image;

import dev.ghillie.preview.settings.ServiceConventions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the service once the way the image will (same JVM build, class path and flags), plus the flag that
 * writes the cache: starts it on a free loopback port (in the service's port variable; on its own port when it
 * reads none), waits for its health path to answer 200, sends a few rounds of the requests a preview gets (health
 * and readiness paths, {@code /version}) so their code paths are in the cache too, then stops it with SIGTERM. The JVM writes the cache as it exits.
 *
 * <p>The service gets a clean environment: only the image's variables and its address, never the build
 * machine's (no database URLs, no credentials), so the run needs nothing but itself.
 */
final class TrainingRun {

    static final int ROUNDS = 20;
    /** What JDK 25's one-step training prints as the JVM exits (JEP 514), and unified-logging lines. */
    private static final Pattern JVM_CACHE_CHATTER = Pattern.compile(
            "\\[[0-9.]+s\\]\\[|Launching child process|Picked up JAVA_TOOL_OPTIONS"
                    + "|Reading AOTConfiguration|AOTCache creation is complete|Removed temporary AOT configuration|Temporary AOTConfiguration recorded");

    private final Duration startTimeout;
    private final Duration exitTimeout;

    TrainingRun(Duration startTimeout, Duration exitTimeout) {
        this.startTimeout = startTimeout;
        this.exitTimeout = exitTimeout;
    }

    /**
     * @param command     the JVM command line, without the port
     * @param environment the variables the service gets; the port and loopback host are added
     * @param output      where the service's output goes (its last line is quoted when it fails)
     */
    /**
     * Where the service listens and what it answers: the port it is told in {@code portVariable}, or, when it reads
     * none, its own fixed {@code port}; the health path waited for, and the paths asked in the rounds.
     */
    record Endpoint(int port, Optional<String> portVariable, String healthPath, String readyPath) {
        /** ghillie-runtime's: GHILLIE_PORT, /health and /ready. */
        static final Endpoint RUNTIME = new Endpoint(
                ServiceConventions.DEFAULT_CONTAINER_PORT,
                Optional.of(ServiceConventions.DEFAULT_PORT_VARIABLE),
                ServiceConventions.DEFAULT_HEALTH_PATH,
                ServiceConventions.RUNTIME_READY_PATH);

        List<String> paths() {
            return List.copyOf(new LinkedHashSet<>(List.of(healthPath, readyPath, "/version")));
        }
    }

    /** ghillie-runtime's endpoint. */
    void run(List<String> command, Path workingDirectory, Map<String, String> environment, Path output)
            throws InterruptedException {
        run(command, workingDirectory, environment, output, Endpoint.RUNTIME);
    }

    /**
     * @param command     the JVM command line, without the port
     * @param environment the variables the service gets; the port (in the endpoint's variable) and loopback host are added
     * @param output      where the service's output goes (its last line is quoted when it fails)
     */
    void run(
            List<String> command,
            Path workingDirectory,
            Map<String, String> environment,
            Path output,
            Endpoint endpoint)
            throws InterruptedException {
        // A service told its port gets a free one; one that reads none listens on its own, which must be free here.
        int port = endpoint.portVariable().isPresent() ? freePort() : ownPort(endpoint.port());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("GHILLIE_HOST", "127.0.0.1");
        endpoint.portVariable().ifPresent(variable -> builder.environment().put(variable, Integer.toString(port)));
        Process service;
        try {
            service = builder.start();
        } catch (IOException e) {
            throw new StartupCacheException(
                    "the base image's JVM does not run on this machine (" + e.getMessage() + ")", e);
        }
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            awaitHealth(http, service, port, endpoint.healthPath(), output);
            for (int round = 0; round < ROUNDS; round++) {
                for (String path : endpoint.paths()) {
                    get(http, port, path);
                }
            }
            service.destroy();
            if (!service.waitFor(exitTimeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new StartupCacheException("the training run did not exit within " + exitTimeout.toSeconds()
                        + " s of SIGTERM" + lastLine(output));
            }
        } finally {
            // JDK 25 writes the cache in a child JVM it starts at exit: it must not outlive a run given up on.
            service.descendants().forEach(ProcessHandle::destroyForcibly);
            if (service.isAlive()) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void awaitHealth(HttpClient http, Process service, int port, String healthPath, Path output)
            throws InterruptedException {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new StartupCacheException("the training run exited with code " + service.exitValue() + " before "
                        + healthPath + " answered" + lastLine(output));
            }
            if (get(http, port, healthPath) == 200) {
                return;
            }
            Thread.sleep(50);
        }
        throw new StartupCacheException("the training run's " + healthPath + " did not answer 200 within "
                + startTimeout.toSeconds() + " s" + lastLine(output));
    }

    /** The status, or -1 when nothing answered. */
    private static int get(HttpClient http, int port, String path) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw StartupCacheException.passing(
                    "no free loopback port for the training run (" + e.getMessage() + ")", e);
        }
    }

    /** The service's own port, when nothing on this machine listens on it already (a taken port would answer for it). */
    private static int ownPort(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw StartupCacheException.passing(
                    "port " + port + " (ghillie.preview.containerPort) is in use on this machine, and the"
                            + " service reads no port variable (ghillie.preview.portVariable) to be told another: free the port for the"
                            + " training run",
                    e);
        }
    }

    /** ": <the service's last line>", or nothing: the JVM's own lines about writing the cache at exit are left out. */
    static String lastLine(Path output) {
        try {
            List<String> lines = Files.readAllLines(output).stream()
                    .filter(line ->
                            !line.isBlank() && !JVM_CACHE_CHATTER.matcher(line).lookingAt())
                    .toList();
            return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
