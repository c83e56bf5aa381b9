package dev.ghillie.preview.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The k3d commands the preview needs. {@link K3dCli} runs the real (or a fake) {@code k3d}; orchestration
 * tests can substitute a recording double. Every failure is a {@link ClusterException} with a one-line message.
 */
public interface K3d {

    /** The k3d version, e.g. {@code v5.8.3} ({@code k3d version}). */
    String version();

    /** All clusters ({@code k3d cluster list -o json}). */
    List<K3dCluster> list();

    /** One cluster, empty when k3d has none of that name ({@code k3d cluster list NAME -o json}). */
    Optional<K3dCluster> find(String name);

    /**
     * Creates the cluster with loopback-only API and ingress ports. The spec's ports must already be
     * concrete (non-zero): {@link ClusterLifecycle} picks free ones.
     */
    void create(ClusterSpec spec);

    void start(String name);

    void stop(String name);

    /** @return true when a cluster was deleted, false when there was none (which is not an error) */
    boolean delete(String name);

    /** Writes the cluster's own kubeconfig file ({@code k3d kubeconfig write NAME}) and returns its path. */
    Path writeKubeconfig(String name);

    /** Imports an image tarball (docker-archive) into every node, in k3d's default {@code tools-node} mode. */
    default void importImage(Path tarball, String clusterName) {
        importImage(tarball, clusterName, ImageImportMode.TOOLS_NODE);
    }

    void importImage(Path tarball, String clusterName, ImageImportMode mode);
}
