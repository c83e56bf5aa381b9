package dev.ghillie.preview.kube;

/** Waits for Deployments to roll out; {@link RolloutWaiter} is the fabric8 implementation. */
@FunctionalInterface
public interface Rollouts {

    /**
     * Returns once every Deployment of {@code selection} (at least one) is rolled out.
     *
     * @throws RolloutFailedException when a container cannot start or the deadline passes
     */
    RolloutResult await(LabelSelection selection, WaitPolicy policy);
}
