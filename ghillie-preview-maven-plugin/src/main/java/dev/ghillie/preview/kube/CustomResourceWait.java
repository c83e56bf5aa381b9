package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** Waits for a custom resource to be ready; {@link ResourceWaiter} is the fabric8 implementation. */
@FunctionalInterface
public interface CustomResourceWait {

    /**
     * Returns the resource as last read, once {@code check} holds.
     *
     * @throws ResourceNotReadyException when the deadline passes first
     */
    GenericKubernetesResource await(CustomResourceRef ref, ReadinessCheck check, WaitPolicy policy);
}
