package dev.ghillie.preview.kube;

import dev.ghillie.preview.platform.PlatformWaits;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** Answers the platform services' waits with this package's {@link Rollouts} and {@link CustomResourceWait}. */
public final class PlatformWaitsOnKube implements PlatformWaits {

    private final Rollouts rollouts;
    private final CustomResourceWait resources;

    public PlatformWaitsOnKube(Rollouts rollouts, CustomResourceWait resources) {
        this.rollouts = Objects.requireNonNull(rollouts, "rollouts");
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    @Override
    public void deploymentsAvailable(String namespace, Map<String, String> labels, Duration timeout) {
        rollouts.await(new LabelSelection(namespace, labels), WaitPolicy.of(timeout));
    }

    @Override
    public GenericKubernetesResource resourceReady(ResourceDefinitionContext type, String namespace, String name,
            ReadinessCheck ready, Duration timeout) {
        return resources.await(new CustomResourceRef(CustomResourceKind.of(type), namespace, name), ready, WaitPolicy.of(timeout));
    }
}
