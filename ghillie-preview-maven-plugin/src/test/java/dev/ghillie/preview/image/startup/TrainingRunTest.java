package dev.ghillie.preview.image.startup;

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

        assertThatThrownBy(() -> new TrainingRun(Duration.ofSeconds(60), Duration.ofSeconds(2)).run(command(HangingService.class), work, Map.of("PATH", "/usr/bin:/bin"), output))
                .isInstanceOf(StartupCacheException.class)
                .hasMessageStartingWith("the training run did not exit within 2 s of SIGTERM");

        long child = Long.parseLong(Files.readAllLines(output).stream().filter(line -> line.startsWith("child ")).findFirst().orElseThrow().substring(6));
        java.util.Optional<ProcessHandle> handle = ProcessHandle.of(child);
        try {
            if (handle.isPresent()) {
                handle.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.TimeoutException stillRunning) {
            handle.get().destroyForcibly();
            throw new AssertionError("the child the service started (JDK 25's cache writer, in a real run) outlived the run");
        }
    }

    @Test
    void aServiceThatNeverAnswersIsGivenUpOn() throws Exception {
        Path output = work.resolve("training.log");

        assertThatThrownBy(() -> new TrainingRun(Duration.ofSeconds(2), Duration.ofSeconds(10)).run(
                // A shell, not a JVM: it prints at once, so even a loaded machine has the line before the 2 s are up.
                List.of("/bin/sh", "-c", "echo listening on nothing; exec /bin/sleep 600"), work, Map.of(), output))
                .isInstanceOf(StartupCacheException.class)
                .hasMessage("the training run's /health did not answer 200 within 2 s: listening on nothing");
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
