package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * When a custom resource counts as ready, with a description for messages. Only the Kubernetes conventions are known
 * here (status, conditions); what an operator's resource reports when ready is the platform package's to say.
 *
 * @param description what is waited for, e.g. {@code condition Ready=True}
 * @param predicate   true once the resource is ready
 */
public record ReadinessCheck(String description, Predicate<GenericKubernetesResource> predicate) {

    public ReadinessCheck {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(predicate, "predicate");
    }

    public boolean isReady(GenericKubernetesResource resource) {
        return resource != null && predicate.test(resource);
    }

    /** Any resource following the Kubernetes conventions: a status condition of this type is {@code True}. */
    public static ReadinessCheck conditionTrue(String type) {
        return new ReadinessCheck(
                "condition " + type + "=True",
                r -> conditions(r).stream()
                        .anyMatch(c -> type.equals(c.get("type")) && "True".equals(String.valueOf(c.get("status")))));
    }

    /** The resource's {@code status}, empty when it has none yet. */
    public static Map<?, ?> status(GenericKubernetesResource resource) {
        Object status = resource.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? map : Map.of();
    }

    /** The resource's {@code status.conditions}, each a map of {@code type}, {@code status}, {@code reason} and so on. */
    public static List<Map<?, ?>> conditions(GenericKubernetesResource resource) {
        Object conditions = status(resource).get("conditions");
        if (!(conditions instanceof List<?> list)) {
            return List.of();
        }
        return list.stream()
                .filter(Map.class::isInstance)
                .<Map<?, ?>>map(c -> (Map<?, ?>) c)
                .toList();
    }
}
