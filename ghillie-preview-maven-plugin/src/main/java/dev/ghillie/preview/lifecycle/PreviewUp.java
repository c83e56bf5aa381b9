package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.SecretValue;
import dev.ghillie.preview.settings.ServiceConventions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * {@code preview:up}, read top to bottom like the users' guide: preflight; then, side by side where
 * the order allows, the cluster, the image build, and the two platform services; the image load once
 * both cluster and image exist; the app secret once the services have answered; the Helm release;
 * the rollout; the URL. The longest chain sets the wall time, not the sum of the steps.
 */
public final class PreviewUp {

    /** What {@code preview:up} produced, written to {@code preview.json}. */
    public record Result(PreviewCluster cluster, ImageResult image, PreviewAccess access, Map<String, Duration> timings) {
    }

    private final UpSteps steps;
    private final boolean platformServices;
    private final ServiceConventions service;
    private final Consumer<String> out;

    /** For ghillie-runtime's conventions: the URLs go to DATABASE_URL and VALKEY_URL. */
    public PreviewUp(UpSteps steps, boolean platformServices, Consumer<String> out) {
        this(steps, platformServices, ServiceConventions.DEFAULTS, out);
    }

    /** The app secret names the URLs as {@code service} says (its databaseUrlKey and valkeyUrlKey). */
    public PreviewUp(UpSteps steps, boolean platformServices, ServiceConventions service, Consumer<String> out) {
        this.steps = steps;
        this.platformServices = platformServices;
        this.service = service;
        this.out = out;
    }

    /** Number of step lines {@code up} prints. */
    public int stepCount() {
        return platformServices ? 10 : 8;
    }

    public Result run() {
        StepReporter report = new StepReporter(out, stepCount());
        report.run("preflight", steps::preflight);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<PreviewCluster> cluster = async(pool, () -> report.run("cluster", steps::cluster));
            CompletableFuture<ImageResult> image = async(pool, () -> report.run("image build", steps::buildImage));
            CompletableFuture<ImageResult> loaded = cluster.thenCombineAsync(image,
                    (c, i) -> report.run("image load", () -> steps.loadImage(c, i)), pool);
            CompletableFuture<Optional<SecretValue>> database = platformServices
                    ? cluster.thenApplyAsync(c -> report.run("postgresql", () -> steps.postgres(c)), pool)
                    : CompletableFuture.completedFuture(Optional.empty());
            CompletableFuture<Optional<SecretValue>> valkey = platformServices
                    ? cluster.thenApplyAsync(c -> report.run("valkey", () -> steps.valkey(c)), pool)
                    : CompletableFuture.completedFuture(Optional.empty());
            CompletableFuture<Void> secret = database.thenCombine(valkey, this::appSecretData)
                    .thenAcceptBothAsync(cluster, (data, c) -> report.run("app secret", () -> steps.appSecret(c, data)), pool);

            // Everything before the release must have finished, failed or not, before we report:
            // a failure elsewhere must not leave a step running on behind the user's back.
            await(CompletableFuture.allOf(loaded, secret).exceptionally(failure -> null));
            PreviewCluster readyCluster = join(cluster);
            ImageResult builtImage = join(image);
            ImageResult nodeImage = join(loaded);
            join(database);
            join(valkey);
            join(secret);

            report.run("helm release", () -> steps.release(readyCluster, nodeImage));
            report.run("rollout", () -> steps.rollout(readyCluster));
            PreviewAccess access = report.run("preview url", () -> steps.access(readyCluster, builtImage));
            return new Result(readyCluster, builtImage, access, report.timings());
        }
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
