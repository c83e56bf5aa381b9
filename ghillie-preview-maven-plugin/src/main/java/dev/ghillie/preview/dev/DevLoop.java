package dev.ghillie.preview.dev;

import dev.ghillie.preview.DurationText;
import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.lifecycle.PreviewAccess;
import dev.ghillie.preview.lifecycle.UpSteps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code preview:dev} after {@code up}: each change is one round, with only the steps it needs: for new classes or
 * resources the module build, the image, its load, the release and the rollout; for the chart or a values file the
 * release and the rollout. A round ends when the URL answers with the new image, and prints one line: what
 * changed, each stage's time, and {@code serving <digest> in N s} counted from the first save. A failing round
 * (a compile error, a rollout that does not become ready) prints its diagnosis and the loop waits for the next
 * change: nothing was removed, so the last good pods keep serving. Runs on the caller's thread, which the module
 * build may need (Maven's project lock).
 */
public final class DevLoop {

    /** One round, as printed and as handed to the caller (which records a served image in preview.json). */
    public record Round(
            int number,
            Change change,
            Map<String, Duration> stages,
            Optional<ImageResult> served,
            Optional<String> failure,
            Duration took) {
        public Round {
            stages = Map.copyOf(stages);
        }
    }

    private final UpSteps steps;
    private final PreviewCluster cluster;
    private final TimedServiceBuild moduleBuild;
    private final DependencyBuild dependencyBuild;
    private final ServingCheck serving;
    private final AccessRefresh refresh;
    private final ProgressSink out;
    private final Consumer<Round> onServing;
    private final Clock clock;
    private ImageResult current;
    private ImageResult served;
    private PreviewAccess access;
    private int rounds;

    /**
     * @param steps       the steps {@code up} ran, with their state (the app Secret's checksum the release carries)
     * @param image       the image {@code up} built and serves
     * @param moduleBuild the build {@code steps} runs before the image, timed for the round's line
     * @param onServing   called after each round that serves, with the round
     */
    /** The app Secret's checksum up gave the release: a round leaves the Secret as it is, so its pods' annotation too. */
    private final String appSecretChecksum;

    public DevLoop(
            UpSteps steps,
            PreviewCluster cluster,
            ImageResult image,
            String appSecretChecksum,
            PreviewAccess access,
            TimedServiceBuild moduleBuild,
            DependencyBuild dependencyBuild,
            ServingCheck serving,
            AccessRefresh refresh,
            ProgressSink out,
            Consumer<Round> onServing,
            Clock clock) {
        this.steps = steps;
        this.cluster = cluster;
        this.appSecretChecksum = appSecretChecksum;
        this.current = image;
        this.served = image;
        this.access = access;
        this.moduleBuild = moduleBuild;
        this.dependencyBuild = dependencyBuild;
        this.serving = serving;
        this.refresh = refresh;
        this.out = out;
        this.onServing = onServing;
        this.clock = clock;
    }

    /** Rounds until {@code changes} says watching has ended (Ctrl-C); the preview stays as the last round left it. */
    public void run(ChangeSource changes) {
        while (true) {
            Change change;
            try {
                change = changes.awaitChange();
            } catch (InterruptedException e) {
                return;
            }
            round(change);
        }
    }

    /** The way in as it is now: a port-forward is opened again after each rollout. */
    public PreviewAccess access() {
        return access;
    }

    /** The image the URL answers with now. */
    public ImageResult served() {
        return served;
    }

    Round round(Change change) {
        int number = ++rounds;
        Map<String, Duration> stages = new LinkedHashMap<>();
        String what = "round " + number + ": " + change.describe() + " changed → ";
        try {
            ImageResult image = current;
            if (change.kind() == ChangeKind.IMAGE) {
                if (!change.changedDependencies().isEmpty()) {
                    timed(stages, "dependencies", () -> dependencyBuild.build(change.changedDependencies()));
                }
                try {
                    image = timed(
                            stages,
                            "image",
                            () -> steps.buildImage(() -> cluster).value());
                } finally {
                    splitModuleBuild(stages);
                }
                current = image;
            }
            ImageResult built = image;
            ImageResult onNodes =
                    timed(stages, "load", () -> steps.loadImage(cluster, built).value());
            timed(
                    stages,
                    "release",
                    () -> steps.release(cluster, onNodes, appSecretChecksum).value());
            timed(stages, "rollout", () -> steps.rollout(cluster).value());
            access = refresh.afterRollout(access);
            timed(stages, "url", () -> {
                serving.await(access, built);
                return null;
            });
            served = built;
            Duration took = since(change.firstSeen());
            out.step(what + stageTimes(stages) + "; serving " + built.digest() + " in " + seconds(took));
            Round round = new Round(number, change, stages, Optional.of(built), Optional.empty(), took);
            onServing.accept(round);
            return round;
        } catch (RuntimeException e) {
            String failedStage = stages.isEmpty()
                    ? "build"
                    : stages.keySet().stream().reduce((a, b) -> b).orElseThrow();
            out.step(what + stageTimes(stages) + " failed: " + diagnosis(e));
            out.step("still serving " + served.digest() + " from the last good pods; waiting for the next change");
            return new Round(
                    number,
                    change,
                    stages,
                    Optional.empty(),
                    Optional.of(failedStage + ": " + diagnosis(e)),
                    since(change.firstSeen()));
        }
    }

    /**
     * The module's build runs inside the image step: shown apart, as {@code build}, the image's share is what is left;
     * when the build failed, the image step never began.
     */
    private void splitModuleBuild(Map<String, Duration> stages) {
        Duration image = stages.remove("image");
        stages.put("build", moduleBuild.lastRun());
        if (!moduleBuild.lastFailed()) {
            Duration rest = image.minus(moduleBuild.lastRun());
            stages.put("image", rest.isNegative() ? Duration.ZERO : rest);
        }
    }

    /** A user-facing failure is its message; anything else also names its kind, since its message may be bare. */
    private static String diagnosis(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return e instanceof PreviewException
                ? message
                : e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** Runs a stage and keeps its time, also when it fails (the line then shows how far the round got). */
    private <T> T timed(Map<String, Duration> stages, String stage, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            stages.put(stage, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private Duration since(Instant first) {
        Duration took = Duration.between(first, clock.instant());
        return took.isNegative() ? Duration.ZERO : took;
    }

    private static String stageTimes(Map<String, Duration> stages) {
        return stages.entrySet().stream()
                .map(stage -> stage.getKey() + " " + DurationText.of(stage.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String seconds(Duration took) {
        return DurationText.of(took);
    }
}
