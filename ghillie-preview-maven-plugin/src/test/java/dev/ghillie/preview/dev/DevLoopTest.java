package dev.ghillie.preview.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressLines;
import dev.ghillie.preview.SecretValue;
import dev.ghillie.preview.cluster.ClusterAction;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.image.ImageTarget;
import dev.ghillie.preview.lifecycle.PreviewAccess;
import dev.ghillie.preview.lifecycle.StepReporter.Outcome;
import dev.ghillie.preview.lifecycle.UpSteps;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The loop's rounds over steps that record what they were asked to do. */
class DevLoopTest {

    private static final PreviewCluster CLUSTER = new PreviewCluster(
            "ghillie-local",
            new HostPort("127.0.0.1", 6550),
            new HostPort("127.0.0.1", 8081),
            Path.of("/tmp/kubeconfig"),
            ClusterAction.REUSED,
            List.of());
    private static final ImageResult UP_IMAGE = image("1");
    private static final Instant T0 = Instant.parse("2026-12-07T20:00:00Z");

    private static ImageResult image(String n) {
        return new ImageResult(
                "ghillie-runtime:0.1.0-" + n,
                "sha256:" + n.repeat(64),
                "sha256:" + n,
                List.of("0.1.0-" + n),
                ImageTarget.TAR,
                Optional.empty());
    }

    /** Steps that build image 2, 3, ... and fail a step when told to. */
    private static final class RecordingSteps implements UpSteps {
        final List<String> calls = new ArrayList<>();
        final TimedServiceBuild build;
        RuntimeException compileFailure;
        RuntimeException rolloutFailure;
        int images = 1;
        ImageResult released;

        RecordingSteps() {
            build = new TimedServiceBuild(() -> {
                calls.add("module build");
                if (compileFailure != null) {
                    throw compileFailure;
                }
                return Optional.of("built ghillie-runtime");
            });
        }

        @Override
        public Outcome<Void> preflight() {
            throw new AssertionError("dev rounds never run preflight");
        }

        @Override
        public Outcome<PreviewCluster> cluster() {
            throw new AssertionError("dev rounds never touch the cluster");
        }

        @Override
        public Outcome<Optional<SecretValue>> postgres(PreviewCluster c) {
            throw new AssertionError();
        }

        @Override
        public Outcome<Optional<SecretValue>> valkey(PreviewCluster c) {
            throw new AssertionError();
        }

        @Override
        public Outcome<String> appSecret(PreviewCluster c, Map<String, SecretValue> data) {
            throw new AssertionError();
        }

        @Override
        public Outcome<ImageResult> buildImage(Supplier<PreviewCluster> cluster) {
            build.run();
            calls.add("image");
            return Outcome.of(image(String.valueOf(++images)), "built");
        }

        @Override
        public Outcome<ImageResult> loadImage(PreviewCluster cluster, ImageResult image) {
            calls.add("load " + image.digest().substring(0, 8));
            return Outcome.of(image, "imported");
        }

        @Override
        public Outcome<Void> release(PreviewCluster cluster, ImageResult image, String appSecretChecksum) {
            // A round keeps the Secret: the release gets up's checksum, so the pods roll for the image only.
            assertThat(appSecretChecksum).isEqualTo("app-secret-checksum");
            calls.add("release");
            released = image;
            return Outcome.of(null, "upgraded");
        }

        @Override
        public Outcome<Void> rollout(PreviewCluster cluster) {
            calls.add("rollout");
            if (rolloutFailure != null) {
                throw rolloutFailure;
            }
            return Outcome.of(null, "ready");
        }

        @Override
        public Outcome<PreviewAccess> access(PreviewCluster cluster, ImageResult image) {
            throw new AssertionError("the loop checks the URL with its ServingCheck");
        }
    }

    private final RecordingSteps steps = new RecordingSteps();
    private final List<String> lines = new ArrayList<>();
    private final List<DevLoop.Round> served = new ArrayList<>();
    private final List<String> servingChecks = new ArrayList<>();

    private DevLoop loop() {
        PreviewAccess access = new PreviewAccess("http://127.0.0.1:8081", "ingress", () -> {});
        return new DevLoop(
                steps,
                CLUSTER,
                UP_IMAGE,
                "app-secret-checksum",
                access,
                steps.build,
                DependencyBuild.NONE,
                (a, image) -> servingChecks.add(image.digest()),
                AccessRefresh.UNCHANGED,
                ProgressLines.to(lines::add),
                served::add,
                Clock.fixed(T0.plusMillis(4200), ZoneOffset.UTC));
    }

    private static Change change(ChangeKind kind, String file) {
        return new Change(kind, List.of(Path.of("/repo/src/main/java/app", file)), List.of(), T0);
    }

    @Test
    void aClassChangeBuildsLoadsReleasesAndServesTheNewDigest() {
        DevLoop loop = loop();
        DevLoop.Round round = loop.round(change(ChangeKind.IMAGE, "Greeting.java"));

        assertThat(steps.calls).containsExactly("module build", "image", "load sha256:2", "release", "rollout");
        assertThat(round.served()).contains(image("2"));
        assertThat(servingChecks).containsExactly(image("2").digest());
        assertThat(round.stages()).containsOnlyKeys("build", "image", "load", "release", "rollout", "url");
        assertThat(lines)
                .singleElement()
                .asString()
                .startsWith("round 1: Greeting.java changed → build ")
                .contains(", image ", ", load ", ", release ", ", rollout ", ", url ")
                .endsWith("; serving " + image("2").digest() + " in 4.2s");
        assertThat(served).containsExactly(round);
        assertThat(loop.served()).isEqualTo(image("2"));
    }

    @Test
    void aChartChangeUpgradesTheReleaseWithTheImageAlreadyBuilt() {
        DevLoop loop = loop();
        DevLoop.Round round = loop.round(change(ChangeKind.RELEASE, "values.yaml"));

        assertThat(steps.calls).containsExactly("load sha256:1", "release", "rollout");
        assertThat(steps.released).isEqualTo(UP_IMAGE);
        assertThat(round.served()).contains(UP_IMAGE);
        assertThat(lines)
                .singleElement()
                .asString()
                .startsWith("round 1: values.yaml changed → load ")
                .doesNotContain("build")
                .endsWith("; serving " + UP_IMAGE.digest() + " in 4.2s");
    }

    @Test
    void aCompileErrorIsDiagnosedNothingIsReleasedAndTheNextChangeServes() {
        DevLoop loop = loop();
        steps.compileFailure =
                new PreviewException("Building ghillie-runtime failed in maven-compiler-plugin:3.14.1:compile"
                        + " (default-compile): Compilation failure");
        DevLoop.Round broken = loop.round(change(ChangeKind.IMAGE, "Greeting.java"));

        assertThat(steps.calls).containsExactly("module build");
        assertThat(broken.served()).isEmpty();
        assertThat(broken.failure())
                .hasValueSatisfying(
                        failure -> assertThat(failure).startsWith("build: Building ghillie-runtime failed"));
        assertThat(lines)
                .containsExactly(
                        lines.getFirst(),
                        "still serving " + UP_IMAGE.digest() + " from the last good pods; waiting for the next change");
        assertThat(lines.getFirst())
                .startsWith("round 1: Greeting.java changed → build ")
                .endsWith(
                        " failed: Building ghillie-runtime failed in maven-compiler-plugin:3.14.1:compile (default-compile): Compilation failure")
                .doesNotContain("image ");
        assertThat(served).isEmpty();
        assertThat(loop.served()).isEqualTo(UP_IMAGE);

        steps.compileFailure = null;
        steps.calls.clear();
        DevLoop.Round fixed = loop.round(change(ChangeKind.IMAGE, "Greeting.java"));
        assertThat(steps.calls).containsExactly("module build", "image", "load sha256:2", "release", "rollout");
        assertThat(fixed.number()).isEqualTo(2);
        assertThat(fixed.served()).contains(image("2"));
    }

    @Test
    void aFailingRolloutKeepsTheLastGoodDigestAsServed() {
        DevLoop loop = loop();
        steps.rolloutFailure =
                new PreviewException("deployment/ghillie: pod ghillie-abc: CrashLoopBackOff (last log line: boom)");
        DevLoop.Round round = loop.round(change(ChangeKind.IMAGE, "Greeting.java"));

        assertThat(round.served()).isEmpty();
        assertThat(servingChecks).isEmpty();
        assertThat(lines.getFirst())
                .contains("rollout ")
                .endsWith(" failed: deployment/ghillie: pod ghillie-abc: CrashLoopBackOff (last log line: boom)");
        assertThat(lines.get(1))
                .isEqualTo(
                        "still serving " + UP_IMAGE.digest() + " from the last good pods; waiting for the next change");
        assertThat(loop.served()).isEqualTo(UP_IMAGE);
    }

    @Test
    void theLoopEndsWhenWatchingEnds() {
        List<Change> changes =
                new ArrayList<>(List.of(change(ChangeKind.IMAGE, "A.java"), change(ChangeKind.RELEASE, "values.yaml")));
        loop().run(() -> {
            if (changes.isEmpty()) {
                throw new InterruptedException("closed");
            }
            return changes.removeFirst();
        });
        assertThat(served).extracting(DevLoop.Round::number).containsExactly(1, 2);
    }
}
