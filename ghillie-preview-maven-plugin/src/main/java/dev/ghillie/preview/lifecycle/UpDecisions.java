package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.lifecycle.StepReporter.Outcome;
import java.util.Optional;

/**
 * The decisions behind {@code up}'s steps, made as {@code up} makes them and with nothing changed: what
 * {@link PreviewUp#plan} collects. {@link KubernetesUpSteps} decides each step through these before it acts.
 */
public interface UpDecisions {

    /** The same checks as up's preflight; changes nothing. */
    Outcome<Void> preflight();

    /** Create, start or reuse; a cluster to read only when it runs already (reusing changes nothing). */
    ClusterDecision planCluster();

    /** The data service's decision: it is ensured (installed when missing, kept when there). */
    UpPlan.Step planPlatformService(String service, ClusterDecision cluster);

    /** Builds the image when that changes nothing outside this project's build directory (a tar); empty otherwise. */
    Outcome<Optional<ImageResult>> planImage(ClusterDecision cluster);

    /** Import, skip or pull, by the rule the image load step acts on. */
    ImageLoad planImageLoad(ClusterDecision cluster, ImageResult image);

    /** Install, upgrade (with the values that differ) or unchanged, from the same inputs' fingerprint. */
    UpPlan.Step planRelease(ClusterDecision cluster, Optional<ImageResult> forPods);

    /**
     * @param action   what up will do to the cluster
     * @param existing the cluster when it already runs, to read what is there
     */
    record ClusterDecision(
            dev.ghillie.preview.cluster.ClusterAction action, String describe, Optional<PreviewCluster> existing) {}
}
