package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;
import java.util.Objects;

/**
 * The rollout state of one Deployment, judged like {@code kubectl rollout status}: the controller has seen the
 * latest spec, every replica is updated and available, and no old replica is left.
 *
 * @param name       {@code deployment/<name>}
 * @param ready      whether the rollout is complete
 * @param waitingFor what is still missing, in words (empty when ready)
 * @param stalled    the controller gave up ({@code ProgressDeadlineExceeded})
 */
record DeploymentRollout(String name, boolean ready, String waitingFor, boolean stalled) {

    static DeploymentRollout of(Deployment deployment) {
        String name = "deployment/" + deployment.getMetadata().getName();
        DeploymentStatus status = deployment.getStatus();
        long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
        if (status == null || status.getObservedGeneration() == null || status.getObservedGeneration() < generation) {
            return new DeploymentRollout(name, false, "the controller has not picked up the latest spec yet", false);
        }
        for (DeploymentCondition condition : nullSafe(status.getConditions())) {
            if ("Progressing".equals(condition.getType()) && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                return new DeploymentRollout(
                        name,
                        false,
                        "exceeded its progress deadline: " + EventReader.oneLine(condition.getMessage()),
                        true);
            }
        }
        int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        int updated = orZero(status.getUpdatedReplicas());
        int total = orZero(status.getReplicas());
        int available = orZero(status.getAvailableReplicas());
        if (updated < desired) {
            return new DeploymentRollout(name, false, updated + " of " + desired + " replicas updated", false);
        }
        if (total > updated) {
            return new DeploymentRollout(name, false, (total - updated) + " old replicas pending termination", false);
        }
        if (available < updated) {
            return new DeploymentRollout(
                    name, false, available + " of " + updated + " updated replicas available", false);
        }
        return new DeploymentRollout(name, true, "", false);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
