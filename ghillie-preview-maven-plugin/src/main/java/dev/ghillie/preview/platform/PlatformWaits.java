package dev.ghillie.preview.platform;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import dev.ghillie.preview.kube.ReadinessCheck;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.Map;

/** The waits the platform services need, answered by the kube package's waiters. */
public interface PlatformWaits {

    /** Waits until every Deployment matching the labels in the namespace is available. */
    void deploymentsAvailable(String namespace, Map<String, String> labels, Duration timeout);

    /**
     * Waits until the custom resource passes {@code ready}; on timeout the failure names what
     * readiness means and shows the resource's conditions and events.
     */
    GenericKubernetesResource resourceReady(ResourceDefinitionContext type, String namespace, String name,
            ReadinessCheck ready, Duration timeout);
}
