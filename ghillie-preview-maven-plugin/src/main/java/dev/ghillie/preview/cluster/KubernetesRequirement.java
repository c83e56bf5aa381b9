package dev.ghillie.preview.cluster;

import java.util.Optional;

/**
 * The oldest Kubernetes something the preview installs will run on (a chart's {@code kubeVersion}),
 * checked before the cluster is created (k3d's default k3s) and on an existing cluster (the API
 * server's {@code /version}), so the failure is one line naming the version rather than a Helm error
 * halfway through {@code up}.
 *
 * @param minimum   e.g. 1.29
 * @param neededBy  what needs it, e.g. {@code CloudNativePG chart 0.29.0 (ghillie.preview.platform includes postgres)}
 * @param otherwise the way around it that keeps the cluster, e.g. {@code -Dghillie.preview.platform=none|valkey}
 */
public record KubernetesRequirement(KubernetesVersion minimum, String neededBy, String otherwise) {

    /**
     * The first k3d release whose own builds default to Kubernetes 1.29 or newer. k3d's default k3s is
     * set at build time from k3s' stable channel (Makefile {@code K3S_TAG}, {@code version.K3sVersion}):
     * v5.6.3 shipped v1.28.8-k3s1, v5.7.1 v1.29.6-k3s1, v5.7.3 v1.30.3-k3s1.
     */
    static final String K3D_FOR_1_29 = "v5.7";

    /**
     * A problem with the cluster k3d would create, or empty. {@code k3d version} prints the k3s version
     * its clusters get ({@code k3s version v1.28.8-k3s1 (default)}); that decides, since a k3d built
     * without the release's flags (some distributions) falls back to an old k3s whatever its own version.
     */
    Optional<String> problemWithNewCluster(String k3dVersion, Optional<KubernetesVersion> k3sDefault) {
        if (k3sDefault.isPresent()) {
            if (!k3sDefault.get().isOlderThan(minimum)) {
                return Optional.empty();
            }
            return Optional.of(
                    "k3d " + k3dVersion + " creates Kubernetes " + k3sDefault.get() + " clusters, but " + neededBy
                            + " needs Kubernetes " + minimum + " or newer: " + upgradeK3d() + ", or set " + otherwise);
        }
        Optional<KubernetesVersion> k3d = KubernetesVersion.parse(k3dVersion);
        // Without the k3s line, go by k3d's release: before v5.7 they all default to older than 1.29.
        if (k3d.isPresent()
                && !minimum.isOlderThan(KubernetesVersion.minor(1, 29))
                && k3d.get().isOlderThan(KubernetesVersion.parse(K3D_FOR_1_29).orElseThrow())) {
            return Optional.of("k3d " + k3dVersion + " creates clusters older than Kubernetes " + minimum + ", but "
                    + neededBy + " needs " + minimum + " or newer: " + upgradeK3d() + ", or set " + otherwise);
        }
        return Optional.empty();
    }

    /** @throws ClusterException when the running cluster's API server is older than the minimum */
    public void requireServer(String cluster, String serverVersion) {
        Optional<KubernetesVersion> server = KubernetesVersion.parse(serverVersion);
        if (server.isPresent() && server.get().isOlderThan(minimum)) {
            throw new ClusterException(
                    "cluster " + cluster + " runs Kubernetes " + server.get() + " (its API server's /version),"
                            + " but " + neededBy + " needs Kubernetes " + minimum
                            + " or newer: delete it (`k3d cluster delete " + cluster
                            + "`) and run again with k3d " + newEnoughK3d() + " (" + Preflight.K3D_INSTALL
                            + "), or set " + otherwise);
        }
    }

    private String upgradeK3d() {
        return "upgrade k3d to " + newEnoughK3d() + " (" + Preflight.K3D_INSTALL + ")";
    }

    private String newEnoughK3d() {
        return minimum.isOlderThan(KubernetesVersion.minor(1, 30))
                ? K3D_FOR_1_29 + " or newer"
                : "a release whose default k3s is " + minimum + " or newer";
    }
}
