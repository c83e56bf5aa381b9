package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.SecretValue;
import dev.ghillie.preview.lifecycle.StepReporter.Outcome;
import java.util.Map;
import java.util.Optional;

/**
 * The work behind each step of {@code preview:up}, one method per step in the users' guide. The
 * orchestrator ({@link PreviewUp}) decides order, parallelism and reporting; implementations do the
 * work through the cluster, image, platform, helm and kube packages. Every method must converge:
 * calling it again after a failure or with nothing changed does no harm.
 */
public interface UpSteps {

    /** Validates settings and finds the tools; changes nothing. */
    Outcome<Void> preflight();

    Outcome<ClusterAccess> cluster();

    Outcome<BuiltImage> buildImage();

    /** Puts the image on the cluster's nodes; skips when they already have that digest. */
    Outcome<Void> loadImage(ClusterAccess cluster, BuiltImage image);

    /** Installs the CloudNativePG operator and a Cluster; returns {@code DATABASE_URL}. */
    Outcome<Optional<SecretValue>> postgres(ClusterAccess cluster);

    /** Installs the Valkey operator and a Valkey; returns {@code VALKEY_URL}. */
    Outcome<Optional<SecretValue>> valkey(ClusterAccess cluster);

    /** Creates or updates the Secret the chart reads with {@code envFrom}. */
    Outcome<Void> appSecret(ClusterAccess cluster, Map<String, SecretValue> data);

    /** {@code helm upgrade --install}, recovering a release stuck from an interrupted run. */
    Outcome<Void> release(ClusterAccess cluster, BuiltImage image);

    /** Waits for the rollout with a deadline, diagnosing failures. */
    Outcome<Void> rollout(ClusterAccess cluster);

    /** Reaches the service (ingress or port-forward), checks /health and that /version reports the digest. */
    Outcome<PreviewAccess> access(ClusterAccess cluster, BuiltImage image);
}
