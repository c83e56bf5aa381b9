package dev.ghillie.preview.kube;

import java.util.Objects;
import java.util.Optional;

/**
 * One pod for {@code preview:status}: what {@code kubectl get pods} shows, and, when it is not ready, why in the words
 * the rollout wait uses.
 *
 * @param summary the pod as {@code kubectl get pods} shows it
 * @param problem a container in a state waiting cannot fix (a crash loop, a bad image), as the rollout wait gives up on
 * @param why     why the pod is not ready (its first unhappy container's state, or that it is not scheduled); empty
 *                when it is ready
 */
public record PodDiagnosis(PodSummary summary, Optional<ContainerProblem> problem, Optional<String> why) {

    public PodDiagnosis {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(why, "why");
    }
}
