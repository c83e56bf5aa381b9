package dev.ghillie.preview.helm;

import java.util.List;

/**
 * The few Helm operations the preview needs, behind one narrow interface: the real one is
 * {@link HelmJavaClient} (Helm compiled in through helm-java), tests use a recording double.
 */
public interface HelmClient {

    /** The release's history, oldest first; empty when there is no such release. */
    List<ReleaseRevision> history(ReleaseTarget target);

    /** {@code helm upgrade --install}; does not wait for readiness (the rollout step does, with diagnostics). */
    ReleaseRevision upgradeInstall(ReleaseRequest request);

    /** {@code helm uninstall}; succeeds when the release does not exist. */
    void uninstall(ReleaseTarget target);

    /** Forgets one revision of the release's history: the way out of a pending-* state left by an interrupted run. */
    void discardRevision(ReleaseTarget target, int revision);

    /**
     * {@code helm get values}: the values the deployed revision was given (files and {@code --set}), as YAML; empty
     * when there is no release or the client cannot tell. Only a plan reads it, to say which values would change.
     */
    default java.util.Optional<String> deployedValues(ReleaseTarget target) {
        return java.util.Optional.empty();
    }
}
