package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressLines;
import dev.ghillie.preview.SecretValue;
import dev.ghillie.preview.cluster.ClusterAction;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.image.ImageTarget;
import dev.ghillie.preview.lifecycle.StepReporter.Outcome;
import dev.ghillie.preview.settings.PlatformSelection;
import dev.ghillie.preview.settings.ServiceConventions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreviewUpTest {

    /** Records the calls; steps can be made to wait for each other or to fail. */
    private static class RecordingSteps implements UpSteps {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch imageStarted = new CountDownLatch(1);
        final CountDownLatch postgresStarted = new CountDownLatch(1);
        final CountDownLatch valkeyStarted = new CountDownLatch(1);
        volatile boolean clusterWaitsForImageBuild;
        volatile boolean platformSidesWaitForEachOther;
        volatile RuntimeException postgresFailure;
        volatile RuntimeException imageFailure;
        volatile RuntimeException clusterFailure;
        volatile Thread imageThread;
        volatile Map<String, SecretValue> secretData;
        final PreviewCluster cluster = new PreviewCluster(
                "ghillie-local",
                new HostPort("127.0.0.1", 6550),
                new HostPort("127.0.0.1", 8081),
                Path.of("/tmp/kubeconfig"),
                ClusterAction.CREATED,
                List.of());
        final ImageResult image = new ImageResult(
                "ghillie-runtime:0.1.0-abc",
                "sha256:abc",
                "sha256:def",
                List.of("0.1.0-abc"),
                ImageTarget.TAR,
                Optional.empty());

        @Override
        public Outcome<Void> preflight() {
            calls.add("preflight");
            return Outcome.of(null, "");
        }

        @Override
        public Outcome<PreviewCluster> cluster() {
            if (clusterWaitsForImageBuild) {
                await(imageStarted, "the image build to start while the cluster is being created");
            }
            calls.add("cluster");
            if (clusterFailure != null) {
                throw clusterFailure;
            }
            return Outcome.of(cluster, "created");
        }

        @Override
        public Outcome<ImageResult> buildImage(java.util.function.Supplier<PreviewCluster> c) {
            imageThread = Thread.currentThread();
            imageStarted.countDown();
            if (imageFailure != null) {
                throw imageFailure;
            }
            calls.add("image for the nodes of " + c.get().name());
            return Outcome.of(image, image.reference());
        }

        @Override
        public Outcome<ImageResult> loadImage(PreviewCluster c, ImageResult i) {
            calls.add("load " + i.reference() + " into " + c.name());
            // As in registry mode: the nodes know the image by another name than the build gave it.
            return Outcome.of(i.withReference("k3d-registry:5000/" + i.reference()), "pushed");
        }

        @Override
        public Outcome<Optional<SecretValue>> postgres(PreviewCluster c) {
            postgresStarted.countDown();
            if (platformSidesWaitForEachOther) {
                await(valkeyStarted, "valkey to start while postgres installs");
            }
            calls.add("postgres");
            if (postgresFailure != null) {
                throw postgresFailure;
            }
            return Outcome.of(
                    Optional.of(SecretValue.of("postgresql://ghillie:pw@pg-ghillie-rw.ghillie:5432/ghillie")), "ready");
        }

        @Override
        public Outcome<Optional<SecretValue>> valkey(PreviewCluster c) {
            valkeyStarted.countDown();
            if (platformSidesWaitForEachOther) {
                await(postgresStarted, "postgres to start while valkey installs");
            }
            calls.add("valkey");
            return Outcome.of(Optional.of(SecretValue.of("redis://:vpw@valkey-ghillie.ghillie:6379")), "ready");
        }

        @Override
        public Outcome<String> appSecret(PreviewCluster c, Map<String, SecretValue> data) {
            calls.add("secret");
            secretData = data;
            return Outcome.of("checksum-of-" + data.keySet(), "updated");
        }

        @Override
        public Outcome<Void> release(PreviewCluster c, ImageResult i, String appSecretChecksum) {
            calls.add("release " + i.reference() + " secret " + appSecretChecksum);
            return Outcome.of(null, "installed revision 1");
        }

        @Override
        public Outcome<Void> rollout(PreviewCluster c) {
            calls.add("rollout");
            return Outcome.of(null, "deployment/ghillie 1/1");
        }

        @Override
        public Outcome<PreviewAccess> access(PreviewCluster c, ImageResult i) {
            calls.add("access");
            return Outcome.of(new PreviewAccess("http://127.0.0.1:8081", "ingress", () -> {}), "http://127.0.0.1:8081");
        }

        private static void await(CountDownLatch latch, String what) {
            try {
                if (!latch.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("steps ran one after the other: waited in vain for " + what);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final RecordingSteps steps = new RecordingSteps();

    @Test
    void runsEveryStepAndPrintsOneNumberedLineEach() {
        PreviewUp.Result result = new PreviewUp(steps, PlatformSelection.ALL, ProgressLines.to(lines::add)).run();

        assertThat(lines)
                .hasSize(10)
                .allMatch(line -> line.matches("\\[\\d+/10] [a-z ]+ … done in \\d+\\.\\ds( \\(.+\\))?"));
        assertThat(lines.getFirst()).startsWith("[1/10] preflight … done in");
        assertThat(lines.subList(7, 10))
                .extracting(line -> line.replaceAll(" … .*", ""))
                .containsExactly("[8/10] helm release", "[9/10] rollout", "[10/10] preview url");
        assertThat(lines.getLast()).endsWith("(http://127.0.0.1:8081)");
        assertThat(result.access().url()).isEqualTo("http://127.0.0.1:8081");
        assertThat(result.timings())
                .containsOnlyKeys(
                        "preflight",
                        "cluster",
                        "image build",
                        "image load",
                        "postgresql",
                        "valkey",
                        "app secret",
                        "helm release",
                        "rollout",
                        "preview url");
        // The release names the image as the load step says the nodes know it, and carries the secret step's checksum.
        assertThat(steps.calls)
                .endsWith(
                        "release k3d-registry:5000/ghillie-runtime:0.1.0-abc secret checksum-of-[DATABASE_URL, VALKEY_URL]",
                        "rollout",
                        "access");
        assertThat(steps.secretData).containsOnlyKeys("DATABASE_URL", "VALKEY_URL");
    }

    @Test
    void buildsTheImageWhileTheClusterIsCreated() {
        steps.clusterWaitsForImageBuild = true;

        new PreviewUp(steps, PlatformSelection.ALL, ProgressLines.to(lines::add)).run();

        assertThat(steps.calls)
                .contains(
                        "cluster",
                        "image for the nodes of ghillie-local",
                        "load ghillie-runtime:0.1.0-abc into ghillie-local");
        assertThat(steps.calls.indexOf("load ghillie-runtime:0.1.0-abc into ghillie-local"))
                .isGreaterThan(steps.calls.indexOf("cluster"))
                .isGreaterThan(steps.calls.indexOf("image for the nodes of ghillie-local"));
    }

    @Test
    void buildsTheImageOnTheThreadThatRunsUp() {
        // Maven's multithreaded builder (-T) locks the project to the goal's thread; the module's build, which
        // runs inside the image step, takes that lock again and would wait for ever on any other thread.
        new PreviewUp(steps, PlatformSelection.ALL, ProgressLines.to(lines::add)).run();

        assertThat(steps.imageThread).isSameAs(Thread.currentThread());
    }

    @Test
    void aFailingImageBuildStillLetsTheClusterStepFinish() {
        steps.imageFailure =
                new PreviewException("Building service failed in compiler:3.14.0:compile (default-compile)");

        assertThatThrownBy(() -> new PreviewUp(steps, PlatformSelection.ALL, ProgressLines.to(lines::add)).run())
                .isSameAs(steps.imageFailure);

        assertThat(steps.calls)
                .contains("cluster", "postgres", "valkey", "secret")
                .noneMatch(call -> call.startsWith("load") || call.startsWith("release"));
        assertThat(lines).anyMatch(line -> line.matches("\\[\\d+/10] image build … failed after \\d+\\.\\ds"));
    }

    @Test
    void installsBothPlatformServicesSideBySide() {
        steps.platformSidesWaitForEachOther = true;

        new PreviewUp(steps, PlatformSelection.ALL, ProgressLines.to(lines::add)).run();

        assertThat(steps.calls.indexOf("secret"))
                .isGreaterThan(steps.calls.indexOf("postgres"))
                .isGreaterThan(steps.calls.indexOf("valkey"));
    }

    @Test
    void withoutPlatformServicesTheSecretIsEmptyAndThereAreEightSteps() {
        new PreviewUp(steps, PlatformSelection.NONE, ProgressLines.to(lines::add)).run();

        assertThat(lines).hasSize(8).allMatch(line -> line.startsWith("[") && line.contains("/8] "));
        assertThat(steps.calls).doesNotContain("postgres", "valkey");
        assertThat(steps.secretData).isEmpty();
    }

    @Test
    void aFailingStepStopsBeforeTheReleaseAndKeepsItsMessage() {
        steps.postgresFailure = new PreviewException(
                "CloudNativePG Cluster ghillie/pg-ghillie was not ready within 5m0s: phase 'Setting up primary'");

        assertThatThrownBy(() -> new PreviewUp(steps, PlatformSelection.ALL, ProgressLines.to(lines::add)).run())
                .isSameAs(steps.postgresFailure);

        assertThat(steps.calls)
                .doesNotContain("secret", "rollout", "access")
                .noneMatch(call -> call.startsWith("release"));
        // The side branches still finished: nothing is left running behind the user's back.
        assertThat(steps.calls)
                .contains(
                        "valkey",
                        "image for the nodes of ghillie-local",
                        "load ghillie-runtime:0.1.0-abc into ghillie-local");
        assertThat(lines).anyMatch(line -> line.matches("\\[\\d+/10] postgresql … failed after \\d+\\.\\ds"));
    }

    /** Another service reads its URLs from variables of its own: the app secret's keys are the names it gives. */
    @Test
    void theAppSecretNamesTheUrlsAsTheServiceSettingsSay() {
        ServiceConventions service = ServiceConventions.of(null, null, null, null, null, "PG_URL", "CACHE_URL", null);

        new PreviewUp(steps, PlatformSelection.ALL, service, ProgressLines.to(lines::add)).run();

        assertThat(steps.secretData).containsOnlyKeys("PG_URL", "CACHE_URL");
        new PreviewUp(steps, PlatformSelection.ALL, ProgressLines.to(lines::add)).run();
        assertThat(steps.secretData).containsOnlyKeys("DATABASE_URL", "VALKEY_URL");
    }

    @Test
    void aFailingClusterIsTheOneFailureTheImageBuildThatWaitedForItSaysItStopped() {
        steps.clusterFailure =
                new PreviewException("`k3d cluster create ghillie-local` failed (exit 1): Cluster creation FAILED");

        assertThatThrownBy(() -> new PreviewUp(steps, PlatformSelection.ALL, ProgressLines.to(lines::add)).run())
                .isSameAs(steps.clusterFailure);

        assertThat(lines).anyMatch(line -> line.matches("\\[\\d+/10] cluster … failed after \\d+\\.\\ds"));
        // The image build did not fail: it waited for the cluster's nodes, and the cluster failed.
        assertThat(lines)
                .noneMatch(line -> line.contains("image build … failed"))
                .anyMatch(line ->
                        line.matches("\\[\\d+/10] image build … stopped after \\d+\\.\\ds: it needs the cluster"));
        assertThat(steps.calls)
                .noneMatch(call -> call.startsWith("load") || call.startsWith("release") || call.equals("postgres"));
    }

    @Test
    void secretsNeverReachTheStepLines() {
        new PreviewUp(steps, PlatformSelection.ALL, ProgressLines.to(lines::add)).run();

        assertThat(String.join("\n", lines)).doesNotContain("pw@").doesNotContain("vpw");
        assertThat(steps.secretData.toString()).doesNotContain("pw");
    }

    /** {@code -Dghillie.preview.platform=…}: only the chosen services are installed, counted, and recorded. */
    @ParameterizedTest(name = "platform={0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "all      | 10 | postgresql,valkey | DATABASE_URL,VALKEY_URL",
                "none     |  8 |                   |",
                "postgres |  9 | postgresql        | DATABASE_URL",
                "valkey   |  9 | valkey            | VALKEY_URL"
            })
    void theStepsFollowThePlatformSelection(String selection, int stepCount, String services, String secretKeys) {
        List<String> expectedServices = services == null ? List.of() : List.of(services.split(","));
        List<String> expectedKeys = secretKeys == null ? List.of() : List.of(secretKeys.split(","));
        PreviewUp up = new PreviewUp(steps, PlatformSelection.parse(selection), ProgressLines.to(lines::add));

        PreviewUp.Result result = up.run();

        assertThat(up.stepCount()).isEqualTo(stepCount);
        assertThat(lines).hasSize(stepCount).allMatch(line -> line.contains("/" + stepCount + "] "));
        assertThat(steps.calls)
                .filteredOn(call -> call.equals("postgres") || call.equals("valkey"))
                .containsExactlyInAnyOrderElementsOf(expectedServices.stream()
                        .map(s -> s.equals("postgresql") ? "postgres" : s)
                        .toList());
        assertThat(steps.secretData.keySet()).containsExactlyInAnyOrderElementsOf(expectedKeys);
        assertThat(result.timings().keySet()).hasSize(stepCount);
        PreviewRecord record = PreviewRecord.of("ghillie", "ghillie", result);
        assertThat(record.platformServices()).containsExactlyElementsOf(expectedServices);
        assertThat(record.stepMillis()).hasSize(stepCount);
    }
}
