package dev.ghillie.preview.provider;

import dev.ghillie.preview.cluster.ClusterAction;
import dev.ghillie.preview.cluster.KubernetesRequirement;
import dev.ghillie.preview.cluster.PreviewCluster;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the preview runs: everything {@code up}, {@code down}, {@code status} and {@code logs} need to know about the
 * cluster itself, behind one narrow interface, so that a new provider (minikube, Docker Desktop) is one class. The
 * steps that work inside the cluster (data services, Secret, release, rollout, URL) only ever see the kubeconfig a
 * provider hands them. Every method fails with a one-line {@link dev.ghillie.preview.PreviewException}.
 */
public interface ClusterProvider {

    /** k3d, kind or existing, as {@code ghillie.preview.provider} names it. */
    String id();

    /** The Kubernetes context the preview talks to, e.g. {@code k3d-ghillie-local}: named on the preflight and status lines. */
    String context();

    /** The cluster in the user's words, e.g. {@code cluster ghillie-local} or {@code context prod (existing cluster)}. */
    String describe();

    /**
     * Checks the tools and the settings this provider needs; changes nothing.
     *
     * @param kubernetes what the selected data services need of a new cluster's Kubernetes, when anything
     * @return what was found, e.g. {@code k3d v5.8.3}
     */
    String preflight(Optional<KubernetesRequirement> kubernetes);

    /**
     * Refuses, in one line and before anything is read or changed, a cluster this run may not touch: an existing
     * cluster that looks shared without {@code ghillie.preview.allowRemote}. Every goal asks first, {@code down}
     * included: a guard that only {@code up} kept would let {@code down} delete on a production cluster.
     */
    default void requireAllowed() {}

    /** Brings the cluster to running: created, started or reused, never recreated. */
    PreviewCluster ensure();

    /** What is there now; changes nothing. */
    ClusterState state();

    /** What {@link #ensure()} will do, by the same rule, changing nothing: what {@code up}'s plan says. */
    default ClusterAction plannedAction() {
        ClusterState state = state();
        return ClusterAction.needed(!(state instanceof ClusterState.Absent), state.running());
    }

    /** A kubeconfig file for a running cluster, its current context the preview's. */
    Path kubeconfig();

    /** Whether {@link #loadArchive} can put an image archive on the nodes; otherwise the image comes through a registry. */
    boolean loadsArchives();

    /**
     * Puts a docker-archive image on every node of {@code cluster}.
     *
     * @return what was done, for the step line, e.g. {@code imported into ghillie-local}
     */
    String loadArchive(Path tar, PreviewCluster cluster);

    /** Whether {@code down} deletes the cluster itself: true for a cluster the provider made, never for an existing one. */
    boolean ownsCluster();

    /** Deletes the cluster; false when there was none (which is not an error). Only for {@link #ownsCluster()} providers. */
    boolean delete();
}
