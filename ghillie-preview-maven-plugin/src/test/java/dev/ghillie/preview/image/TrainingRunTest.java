package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training run's limits, with the JVM running these tests. */
class TrainingRunTest {

    @TempDir
    Path work;

    @Test
    void aServiceThatDoesNotStopIsKilledWithWhatItStarted() throws Exception {
        Path output = work.resolve("training.log");

        assertThatThrownBy(() -> new TrainingRun(Duration.ofSeconds(60), Duration.ofSeconds(2))
                        .run(command(HangingService.class), work, Map.of("PATH", "/usr/bin:/bin"), output))
                .isInstanceOf(StartupCacheException.class)
                .hasMessageStartingWith("the training run did not exit within 2 s of SIGTERM");

        long child = Long.parseLong(Files.readAllLines(output).stream()
                .filter(line -> line.startsWith("child "))
                .findFirst()
                .orElseThrow()
                .substring(6));
        java.util.Optional<ProcessHandle> handle = ProcessHandle.of(child);
        try {
            if (handle.isPresent()) {
                handle.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.TimeoutException stillRunning) {
            handle.get().destroyForcibly();
            throw new AssertionError(
                    "the child the service started (JDK 25's cache writer, in a real run) outlived the run");
        }
    }

    @Test
    void aServiceThatNeverAnswersIsGivenUpOn() throws Exception {
        Path output = work.resolve("training.log");

        assertThatThrownBy(() -> new TrainingRun(Duration.ofSeconds(2), Duration.ofSeconds(10))
                        .run(
                                // A shell, not a JVM: it prints at once, so even a loaded machine has the line before
                                // the 2 s are up.
                                List.of("/bin/sh", "-c", "echo listening on nothing; exec /bin/sleep 600"),
                                work,
                                Map.of(),
                                output))
                .isInstanceOf(StartupCacheException.class)
                .hasMessage("the training run's /health did not answer 200 within 2 s: listening on nothing");
    }

    @Test
    void aServiceOnItsOwnPortIsAskedItsOwnHealthPath() throws Exception {
        Path output = work.resolve("training.log");
        int port = freePort();
        List<String> command = new java.util.ArrayList<>(command(FixedPortService.class));
        command.add(Integer.toString(port));

        new TrainingRun(Duration.ofSeconds(60), Duration.ofSeconds(60))
                .run(
                        command,
                        work,
                        Map.of("PATH", "/usr/bin:/bin"),
                        output,
                        new TrainingRun.Endpoint(port, java.util.Optional.empty(), "/healthz", "/healthz"));

        assertThat(Files.readString(output)).contains("asked /healthz");
    }

    @Test
    void aServiceOnItsOwnPortThatIsTakenIsOneLine() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> new TrainingRun(Duration.ofSeconds(60), Duration.ofSeconds(60))
                            .run(
                                    List.of("/bin/sh", "-c", "exec /bin/sleep 600"),
                                    work,
                                    Map.of(),
                                    work.resolve("training.log"),
                                    new TrainingRun.Endpoint(port, java.util.Optional.empty(), "/healthz", "/healthz")))
                    .isInstanceOf(StartupCacheException.class)
                    .hasMessage(
                            "port " + port
                                    + " (ghillie.preview.containerPort) is in use on this machine, and the service reads no"
                                    + " port variable (ghillie.preview.portVariable) to be told another: free the port for the training run");
        }
    }

    @Test
    void theHealthPathNamedWhenItNeverAnswers() throws Exception {
        assertThatThrownBy(() -> new TrainingRun(Duration.ofSeconds(2), Duration.ofSeconds(10))
                        .run(
                                List.of("/bin/sh", "-c", "echo listening on nothing; exec /bin/sleep 600"),
                                work,
                                Map.of(),
                                work.resolve("training.log"),
                                new TrainingRun.Endpoint(8080, java.util.Optional.of("PORT"), "/healthz", "/healthz")))
                .isInstanceOf(StartupCacheException.class)
                .hasMessage("the training run's /healthz did not answer 200 within 2 s: listening on nothing");
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<String> command(Class<?> main) {
        return List.of(java(), "-cp", classPath(), main.getName());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        return System.getProperty("java.class.path");
    }
}
