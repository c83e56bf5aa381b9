package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.SecretValue;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.settings.PlatformSelection;
import dev.ghillie.preview.settings.ServiceConventions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code preview:up}, read top to bottom like the users' guide: preflight; then, side by side where
 * the order allows, the cluster, the two platform services, and the image build (on the caller's own
 * thread); the image load once both cluster and image exist; the app secret once the services have answered; the Helm release;
 * the rollout; the URL. The longest chain sets the wall time, not the sum of the steps.
 */
public final class PreviewUp {

    /**
     * What {@code preview:up} produced, written to {@code preview.json}; {@code appSecretChecksum} is what the release was
     * given for the app Secret, for a later release of the same preview ({@code preview:dev}'s rounds).
     */
    public record Result(
            PreviewCluster cluster,
            ImageResult image,
            PreviewAccess access,
            List<String> platformServices,
            Map<String, Duration> timings,
            String appSecretChecksum) {}

    private final UpSteps steps;
    private final PlatformSelection platform;
    private final ServiceConventions service;
    private final ProgressSink out;

    /** For ghillie-runtime's conventions: the URLs go to DATABASE_URL and VALKEY_URL. */
    public PreviewUp(UpSteps steps, PlatformSelection platform, ProgressSink out) {
        this(steps, platform, ServiceConventions.DEFAULTS, out);
    }

    /** The app secret names the URLs as {@code service} says (its databaseUrlKey and valkeyUrlKey). */
    public PreviewUp(UpSteps steps, PlatformSelection platform, ServiceConventions service, ProgressSink out) {
        this.steps = steps;
        this.platform = platform;
        this.service = service;
        this.out = out;
    }

    /** Number of step lines {@code up} prints. */
    public int stepCount() {
        return 8 + platform.stepCount();
    }

    public Result run() {
        StepReporter report = new StepReporter(out, stepCount());
        report.run("preflight", steps::preflight);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<PreviewCluster> cluster = async(pool, () -> report.run("cluster", steps::cluster));
            CompletableFuture<Optional<SecretValue>> database = platform.postgres()
                    ? cluster.thenApplyAsync(c -> report.run("postgresql", () -> steps.postgres(c)), pool)
                    : CompletableFuture.completedFuture(Optional.empty());
            CompletableFuture<Optional<SecretValue>> valkey = platform.valkey()
                    ? cluster.thenApplyAsync(c -> report.run("valkey", () -> steps.valkey(c)), pool)
                    : CompletableFuture.completedFuture(Optional.empty());
            CompletableFuture<String> secretChecksum = database.thenCombine(valkey, this::appSecretData)
                    .thenCombineAsync(
                            cluster, (data, c) -> report.run("app secret", () -> steps.appSecret(c, data)), pool);
            // The image build runs here, on the goal's own thread, while the branches above run: the module's build
            // inside it may need what the build tool ties to that thread (Maven's project lock under -T). It is built
            // for the cluster's nodes: once the service itself is built, the step waits for the cluster.
            CompletableFuture<ImageResult> image = onThisThread(() ->
                    report.run("image build", () -> steps.buildImage(() -> needed("cluster", cluster))));
            CompletableFuture<ImageResult> loaded = cluster.thenCombineAsync(
                    image, (c, i) -> report.run("image load", () -> steps.loadImage(c, i)), pool);

            // Everything before the release must have finished, failed or not, before we report:
            // a failure elsewhere must not leave a step running on behind the user's back.
            await(CompletableFuture.allOf(loaded, secretChecksum).exceptionally(failure -> null));
            PreviewCluster readyCluster = join(cluster);
            ImageResult builtImage = join(image);
            ImageResult nodeImage = join(loaded);
            join(database);
            join(valkey);
            String appSecretChecksum = join(secretChecksum);

            report.run("helm release", () -> steps.release(readyCluster, nodeImage, appSecretChecksum));
            report.run("rollout", () -> steps.rollout(readyCluster));
            PreviewAccess access = report.run("preview url", () -> steps.access(readyCluster, builtImage));
            return new Result(
                    readyCluster, builtImage, access, platformServices(), report.timings(), appSecretChecksum);
        }
    }

    /**
     * {@code -Dghillie.preview.plan=true}: the same steps in the same order, each decided as {@code run} decides it
     * and none done. Read top to bottom like {@code run}; the steps that run side by side there are listed in order here.
     */
    public UpPlan plan(UpDecisions decide) {
        List<UpPlan.Step> plan = new ArrayList<>();
        plan.add(new UpPlan.Step("preflight", "check", decide.preflight().detail()));
        UpDecisions.ClusterDecision cluster = decide.planCluster();
        plan.add(new UpPlan.Step("cluster", CLUSTER_DECISIONS.get(cluster.action()), cluster.describe()));
        platformServices().forEach(service -> plan.add(decide.planPlatformService(service, cluster)));
        plan.add(new UpPlan.Step(
                "app secret",
                "apply",
                "Secret " + service.appSecret() + " with "
                        + (platformServices().isEmpty() ? "no keys" : String.join(", ", appSecretKeys()))
                        + ": created or updated when a URL changed"));
        StepReporter.Outcome<Optional<ImageResult>> image = decide.planImage(cluster);
        plan.add(new UpPlan.Step("image build", "build", image.detail()));
        Optional<ImageResult> forPods = image.value().map(built -> {
            ImageLoad load = decide.planImageLoad(cluster, built);
            plan.add(new UpPlan.Step("image load", load.decision(), load.detail()));
            return load.forPods();
        });
        if (image.value().isEmpty()) {
            plan.add(new UpPlan.Step(
                    "image load", "after the build", "import, skip or pull is decided on the built image"));
        }
        UpPlan.Step release = decide.planRelease(cluster, forPods);
        plan.add(release);
        plan.add(
                switch (release.decision()) {
                    case "unchanged" ->
                        new UpPlan.Step(
                                "rollout",
                                "wait",
                                "nothing rolls: the release is unchanged; up checks that the pods are ready");
                    case "install" -> new UpPlan.Step("rollout", "roll", "the first pods start");
                    case "after the start" ->
                        new UpPlan.Step("rollout", "after the start", "pods roll when the release changes");
                    default ->
                        new UpPlan.Step(
                                "rollout", "roll", "new pods replace the old ones when the pod template changed");
                });
        plan.add(new UpPlan.Step("preview url", "check", "/health, and that /version reports the image"));
        return new UpPlan("up", plan);
    }

    private static final Map<dev.ghillie.preview.cluster.ClusterAction, String> CLUSTER_DECISIONS = Map.of(
            dev.ghillie.preview.cluster.ClusterAction.CREATED, "create",
            dev.ghillie.preview.cluster.ClusterAction.STARTED, "start",
            dev.ghillie.preview.cluster.ClusterAction.REUSED, "reuse");

    private List<String> appSecretKeys() {
        List<String> keys = new ArrayList<>();
        if (platform.postgres()) {
            keys.add(service.databaseUrlKey());
        }
        if (platform.valkey()) {
            keys.add(service.valkeyUrlKey());
        }
        return keys;
    }

    private List<String> platformServices() {
        List<String> services = new ArrayList<>();
        if (platform.postgres()) {
            services.add("postgresql");
        }
        if (platform.valkey()) {
            services.add("valkey");
        }
        return List.copyOf(services);
    }

    private Map<String, SecretValue> appSecretData(Optional<SecretValue> database, Optional<SecretValue> valkey) {
        Map<String, SecretValue> data = new LinkedHashMap<>();
        database.ifPresent(url -> data.put(service.databaseUrlKey(), url));
        valkey.ifPresent(url -> data.put(service.valkeyUrlKey(), url));
        return data;
    }

    private static <T> CompletableFuture<T> async(ExecutorService pool, java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, pool);
    }

    /** Runs {@code work} now, on the calling thread, its failure kept in the future like a pooled step's. */
    private static <T> CompletableFuture<T> onThisThread(java.util.function.Supplier<T> work) {
        try {
            return CompletableFuture.completedFuture(work.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void await(CompletableFuture<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreviewException("preview:up was interrupted; run it again to continue where it stopped");
        } catch (ExecutionException e) {
            // reported by join below, in step order
        }
    }

    /** What a running step waits for: when that step failed, the waiting one is reported as stopped, not failed. */
    private static <T> T needed(String step, CompletableFuture<T> future) {
        try {
            return join(future);
        } catch (RuntimeException e) {
            throw new StepReporter.NeededStepFailed(step, e);
        }
    }

    /** The step's value, or its own failure rethrown as it was (a user-facing PreviewException stays one). */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new PreviewException(cause.getMessage(), cause);
        }
    }
}
