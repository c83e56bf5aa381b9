package dev.ghillie.preview.standin;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** What one stand-in operator does: for one custom resource, make what the real operator makes and report its status. */
interface StandinReconciler {

    /** The custom resource type this operator serves. */
    ResourceDefinitionContext type();

    /** The label the operator puts on the pods it makes, whose value is the resource's name (a pod change re-reconciles it). */
    String instanceLabel();

    /**
     * Brings what exists in line with the resource: creates what is missing (never replaces what exists: the data's password
     * stays), then writes the status. A resource that is gone needs nothing: its objects carry owner references, so the
     * garbage collector removes them.
     */
    void reconcile(String namespace, String name);
}
