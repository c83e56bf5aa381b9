package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.Pod;

/** Whether a pod serves traffic: its {@code Ready} condition is {@code True} and it is not being deleted. */
final class PodReadiness {

    private PodReadiness() {}

    static boolean isReady(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null
                && pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
