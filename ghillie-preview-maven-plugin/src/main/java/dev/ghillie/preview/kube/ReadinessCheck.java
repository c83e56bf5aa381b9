package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * When a custom resource counts as ready, with a description for messages.
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

    /** A CloudNativePG {@code Cluster}: condition {@code Ready=True}, or phase {@code Cluster in healthy state}. */
    public static ReadinessCheck cnpgCluster() {
        return new ReadinessCheck("condition Ready=True or phase 'Cluster in healthy state'",
                conditionTrue("Ready").predicate().or(r -> "Cluster in healthy state".equals(status(r).get("phase"))));
    }

    /** A hyperspike {@code Valkey}: {@code status.ready == true}. */
    public static ReadinessCheck valkey() {
        return new ReadinessCheck("status.ready=true", r -> {
            Object ready = status(r).get("ready");
            return Boolean.TRUE.equals(ready) || "true".equals(ready);
        });
    }

    /**
     * A valkey-io {@code ValkeyCluster}: {@code status.state == Ready} (the operator derives the state from its
     * conditions: Ready=True and not Degraded), or condition {@code Ready=True}.
     */
    public static ReadinessCheck valkeyCluster() {
        Predicate<GenericKubernetesResource> ready = conditionTrue("Ready").predicate().or(r -> "Ready".equals(status(r).get("state")));
        return new ReadinessCheck("status.state=Ready or condition Ready=True, for the current generation",
                ready.and(ReadinessCheck::conditionsObserveCurrentGeneration));
    }

    /**
     * The operator stamps each condition with the generation it judged (its contract: compare observedGeneration with
     * metadata.generation); after a spec change on a re-run, a Ready of the old generation is stale, not ready.
     */
    static boolean conditionsObserveCurrentGeneration(GenericKubernetesResource resource) {
        Long generation = resource.getMetadata() == null ? null : resource.getMetadata().getGeneration();
        if (generation == null) {
            return true;
        }
        return conditions(resource).stream().map(c -> c.get("observedGeneration"))
                .filter(Number.class::isInstance).map(Number.class::cast)
                .allMatch(observed -> observed.longValue() == generation);
    }

    /** Any resource following the Kubernetes conventions: a status condition of this type is {@code True}. */
    public static ReadinessCheck conditionTrue(String type) {
        return new ReadinessCheck("condition " + type + "=True", r -> conditions(r).stream()
                .anyMatch(c -> type.equals(c.get("type")) && "True".equals(String.valueOf(c.get("status")))));
    }

    static Map<?, ?> status(GenericKubernetesResource resource) {
        Object status = resource.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? map : Map.of();
    }

    static List<Map<?, ?>> conditions(GenericKubernetesResource resource) {
        Object conditions = status(resource).get("conditions");
        if (!(conditions instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).<Map<?, ?>>map(c -> (Map<?, ?>) c).toList();
    }
}
