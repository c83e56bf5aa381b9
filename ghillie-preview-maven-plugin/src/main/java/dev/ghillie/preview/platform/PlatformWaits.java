package dev.ghillie.preview.platform;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** The waits the platform services need, answered by the kube package's waiters. */
public interface PlatformWaits {

    /** Waits until every Deployment matching the labels in the namespace is available. */
    void deploymentsAvailable(String namespace, Map<String, String> labels, Duration timeout);

    /**
     * Waits until the custom resource satisfies {@code ready}; on timeout the failure names
     * {@code readyMeans} and shows the resource's conditions and events.
     */
    GenericKubernetesResource resourceReady(ResourceDefinitionContext type, String namespace, String name,
            Predicate<GenericKubernetesResource> ready, String readyMeans, Duration timeout);
}
