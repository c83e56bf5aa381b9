package dev.ghillie.preview.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The watcher on a real directory tree: inotify on Linux. The timeout only keeps a broken watcher from hanging the build. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SourceWatcherTest {

    @TempDir
    Path root;

    private WatchedInputs inputs;

    @BeforeEach
    void tree() throws IOException {
        Files.createDirectories(root.resolve("service/src/main/java/app"));
        Files.createDirectories(root.resolve("service/target/classes/app"));
        Files.createDirectories(root.resolve("charts/ghillie/templates"));
        Files.writeString(root.resolve("dev-values.yaml"), "replicas: 1\n");
        inputs = new WatchedInputs(
                List.of(root.resolve("service/src/main/java"), root.resolve("service/src/main/resources")),
                List.of(),
                root.resolve("charts/ghillie"),
                List.of(root.resolve("dev-values.yaml")),
                List.of(root.resolve("service/target")));
    }

    private SourceWatcher watcher() {
        return new SourceWatcher(inputs, new Debounce(Duration.ofMillis(50), Duration.ofSeconds(5)), Clock.systemUTC());
    }

    /**
     * Ctrl-C closes the watcher from the shutdown hook while the loop may be registering a new directory: the wait
     * ends as an interruption, not with ClosedWatchServiceException's stack trace. The clock closes it at that moment:
     * the watcher asks it the time as it starts on the new directory's event.
     */
    @Test
    void closedWhileRegisteringANewDirectoryEndsTheWaitAsAnInterruption() throws Exception {
        java.util.concurrent.atomic.AtomicReference<SourceWatcher> self =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Clock closingOnSecondCall = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                if (calls.incrementAndGet() == 2) {
                    self.get().close();
                }
                return java.time.Instant.now();
            }
        };
        try (SourceWatcher watcher = new SourceWatcher(
                inputs, new Debounce(Duration.ofMillis(50), Duration.ofSeconds(5)), closingOnSecondCall)) {
            self.set(watcher);
            Files.createDirectories(root.resolve("service/src/main/java/app/added"));

            org.assertj.core.api.Assertions.assertThatThrownBy(watcher::awaitChange)
                    .isInstanceOf(InterruptedException.class)
                    .hasMessage("the watcher was closed");
        }
    }

    @Test
    void aSourceSaveIsAnImageChangeAndTheEditorsLitterIsNot() throws Exception {
        try (SourceWatcher watcher = watcher()) {
            Path app = root.resolve("service/src/main/java/app");
            Files.writeString(app.resolve("4913"), "");
            Files.writeString(app.resolve(".Greeting.java.swp"), "swap");
            Files.writeString(root.resolve("service/target/classes/app/Greeting.class"), "class");
            Files.writeString(app.resolve("Greeting.java"), "class Greeting {}");

            Change change = watcher.awaitChange();
            assertThat(change.kind()).isEqualTo(ChangeKind.IMAGE);
            assertThat(change.files()).containsExactly(app.resolve("Greeting.java"));
        }
    }

    @Test
    void aFileWrittenAndRenamedOverTheSourceIsNotPartOfTheChange() throws Exception {
        Path app = root.resolve("service/src/main/java/app");
        Files.writeString(app.resolve("Greeting.java"), "class Greeting {}");
        try (SourceWatcher watcher = watcher()) {
            // What sed -i does: a temporary file of its own name, renamed over the source.
            Path temporary = Files.writeString(app.resolve("sedX3k9Qa"), "class Greeting { int x; }");
            Files.move(
                    temporary,
                    app.resolve("Greeting.java"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);

            Change change = watcher.awaitChange();
            assertThat(change.files()).containsExactly(app.resolve("Greeting.java"));
            assertThat(change.describe()).isEqualTo("Greeting.java");
        }
    }

    @Test
    void aDeletedClassIsAChange() throws Exception {
        Path app = root.resolve("service/src/main/java/app");
        Files.writeString(app.resolve("Old.java"), "class Old {}");
        try (SourceWatcher watcher = watcher()) {
            Files.delete(app.resolve("Old.java"));
            assertThat(watcher.awaitChange().files()).containsExactly(app.resolve("Old.java"));
        }
    }

    @Test
    void theChartAloneIsAReleaseChange() throws Exception {
        try (SourceWatcher watcher = watcher()) {
            Files.writeString(root.resolve("charts/ghillie/templates/deployment.yaml"), "kind: Deployment\n");
            Files.writeString(root.resolve("dev-values.yaml"), "replicas: 2\n");
            Files.writeString(root.resolve("unrelated.yaml"), "x: 1\n");

            Change change = watcher.awaitChange();
            assertThat(change.kind()).isEqualTo(ChangeKind.RELEASE);
            assertThat(change.files())
                    .containsExactlyInAnyOrder(
                            root.resolve("charts/ghillie/templates/deployment.yaml"), root.resolve("dev-values.yaml"));
        }
    }

    @Test
    void filesInANewPackageAreSeenAndTheDirectoryIsWatchedFromThen() throws Exception {
        try (SourceWatcher watcher = watcher()) {
            Path pkg = Files.createDirectories(root.resolve("service/src/main/java/app/feature/deep"));
            Files.writeString(pkg.resolve("Feature.java"), "class Feature {}");
            Change first = watcher.awaitChange();
            assertThat(first.files()).contains(pkg.resolve("Feature.java"));

            Files.writeString(pkg.resolve("Feature.java"), "class Feature { int x; }");
            assertThat(watcher.awaitChange().files()).containsExactly(pkg.resolve("Feature.java"));
        }
    }
}
