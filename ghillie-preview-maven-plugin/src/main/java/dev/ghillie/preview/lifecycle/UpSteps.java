package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.SecretValue;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.lifecycle.StepReporter.Outcome;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The work behind each step of {@code preview:up}, one method per step in the users' guide. The
 * orchestrator ({@link PreviewUp}) decides order, parallelism and reporting; implementations do the
 * work through the cluster, image, platform, helm and kube packages. Every method must converge:
 * calling it again after a failure or with nothing changed does no harm.
 */
public interface UpSteps {

    /** Validates settings and finds the tools; changes nothing. */
    Outcome<Void> preflight();

    Outcome<PreviewCluster> cluster();

    /**
     * Builds the service, then its image for the cluster's nodes' platform (unless {@code ghillie.preview.platforms}
     * names one): {@code cluster} is waited for only then, so the service's build runs while the cluster is created.
     */
    Outcome<ImageResult> buildImage(Supplier<PreviewCluster> cluster);

    /**
     * Puts the image on the cluster's nodes; skips when they already have that digest. Returns the image
     * as pod specs must name it (for a registry, the name the nodes pull by).
     */
    Outcome<ImageResult> loadImage(PreviewCluster cluster, ImageResult image);

    /** Installs the CloudNativePG operator and a Cluster; returns {@code DATABASE_URL}. */
    Outcome<Optional<SecretValue>> postgres(PreviewCluster cluster);

    /** Installs the chosen Valkey operator and one Valkey instance; returns {@code VALKEY_URL}. */
    Outcome<Optional<SecretValue>> valkey(PreviewCluster cluster);

    /** Creates or updates the Secret the chart reads with {@code envFrom}; returns a checksum of its data. */
    Outcome<String> appSecret(PreviewCluster cluster, Map<String, SecretValue> data);

    /**
     * {@code helm upgrade --install}, recovering a release stuck from an interrupted run. The app Secret's checksum
     * goes into a pod annotation, so a changed URL or password rolls the pods.
     */
    Outcome<Void> release(PreviewCluster cluster, ImageResult image, String appSecretChecksum);

    /** Waits for the rollout with a deadline, diagnosing failures. */
    Outcome<Void> rollout(PreviewCluster cluster);

    /** Reaches the service (ingress or port-forward), checks /health and that /version reports the digest. */
    Outcome<PreviewAccess> access(PreviewCluster cluster, ImageResult image);
}
