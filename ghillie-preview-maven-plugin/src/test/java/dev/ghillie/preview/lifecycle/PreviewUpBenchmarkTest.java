package dev.ghillie.preview.lifecycle;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ghillie.preview.SecretValue;
import dev.ghillie.preview.cluster.ClusterAction;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.image.ImageTarget;
import dev.ghillie.preview.lifecycle.StepReporter.Outcome;
import dev.ghillie.preview.settings.PlatformSelection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How close {@code up}'s wall time comes to its longest dependency chain, with steps that answer
 * after the realistic delays scaled down by {@link #SCALE}: cluster create 20 s, operator
 * ready 30 s, PostgreSQL ready 40 s (after its operator), image build 8 s. Prints figures for
 * docs/benchmarks.md; runs only with -Dghillie.bench=true; asserts nothing about time.
 */
class PreviewUpBenchmarkTest {

    private static final double SCALE = 0.05;

    private static Duration scaled(int seconds) {
        return Duration.ofMillis((long) (seconds * 1000 * SCALE));
    }

    /** Steps that only sleep for their realistic (scaled) duration. */
    private static final class DelayedSteps implements UpSteps {
        final PreviewCluster cluster = new PreviewCluster(
                "bench",
                new HostPort("127.0.0.1", 6550),
                new HostPort("127.0.0.1", 8080),
                Path.of("/tmp/kubeconfig"),
                ClusterAction.CREATED,
                List.of());
        final ImageResult image =
                new ImageResult("bench:1", "sha256:1", "sha256:2", List.of("1"), ImageTarget.TAR, Optional.empty());

        private static <T> Outcome<T> after(int seconds, T value) {
            try {
                Thread.sleep(scaled(seconds));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Outcome.of(value, "");
        }

        @Override
        public Outcome<Void> preflight() {
            return after(0, null);
        }

        @Override
        public Outcome<PreviewCluster> cluster() {
            return after(20, cluster);
        }

        @Override
        public Outcome<ImageResult> buildImage(java.util.function.Supplier<PreviewCluster> c) {
            // The service's build (most of the 8 s) runs beside the cluster; Jib then waits for the nodes' platform.
            after(6, null);
            c.get();
            return after(2, image);
        }

        @Override
        public Outcome<ImageResult> loadImage(PreviewCluster c, ImageResult i) {
            return after(2, i);
        }

        @Override
        public Outcome<Optional<SecretValue>> postgres(PreviewCluster c) {
            return after(30 + 40, Optional.of(SecretValue.of("postgresql://u:p@h/d")));
        }

        @Override
        public Outcome<Optional<SecretValue>> valkey(PreviewCluster c) {
            return after(30 + 10, Optional.of(SecretValue.of("redis://:p@h:6379")));
        }

        @Override
        public Outcome<String> appSecret(PreviewCluster c, Map<String, SecretValue> data) {
            return after(0, "checksum");
        }

        @Override
        public Outcome<Void> release(PreviewCluster c, ImageResult i, String appSecretChecksum) {
            return after(1, null);
        }

        @Override
        public Outcome<Void> rollout(PreviewCluster c) {
            return after(5, null);
        }

        @Override
        public Outcome<PreviewAccess> access(PreviewCluster c, ImageResult i) {
            return after(0, new PreviewAccess("http://127.0.0.1:8080", "ingress", () -> {}));
        }
    }

    @Test
    void wallTimeAgainstTheLongestChain() {
        assumeTrue(Boolean.getBoolean("ghillie.bench"), "benchmark: run with -Dghillie.bench=true");
        new PreviewUp(new DelayedSteps(), PlatformSelection.ALL, line -> {})
                .run(); // warm-up: thread and class start-up
        int runs = 5;
        long total = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            new PreviewUp(new DelayedSteps(), PlatformSelection.ALL, line -> {}).run();
            total += System.nanoTime() - start;
        }
        double wall = total / 1e6 / runs;
        double sum = scaled(20 + 8 + 2 + 70 + 40 + 0 + 1 + 5).toMillis();
        double chain = scaled(20 + 70 + 0 + 1 + 5).toMillis(); // cluster → postgres → secret → release → rollout
        System.out.printf(
                "up with delayed steps (scale %.2f): wall %.0f ms (mean of %d), sum of steps %.0f ms, longest chain %.0f ms,"
                        + " wall/chain %.3f%n",
                SCALE, wall, runs, sum, chain, wall / chain);
    }
}
