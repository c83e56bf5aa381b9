package dev.ghillie.preview.standin;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The objects an operator makes for one custom resource: each owned by the resource (controller reference), so that
 * deleting the resource lets the garbage collector remove them, as both real operators arrange it.
 */
final class OwnedObjects {

    private final KubernetesClient client;
    private final ResourceDefinitionContext type;
    private final GenericKubernetesResource owner;

    OwnedObjects(KubernetesClient client, ResourceDefinitionContext type, GenericKubernetesResource owner) {
        this.client = client;
        this.type = type;
        this.owner = owner;
    }

    String namespace() {
        return owner.getMetadata().getNamespace();
    }

    String name() {
        return owner.getMetadata().getName();
    }

    OwnerReference reference() {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(name())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** Creates the object when none of its kind and name exists; an existing one is left as it is and returned. */
    <T extends HasMetadata> T createIfAbsent(T wanted) {
        wanted.getMetadata().setNamespace(namespace());
        wanted.getMetadata().setOwnerReferences(List.of(reference()));
        T existing = client.resource(wanted).get();
        return existing != null ? existing : client.resource(wanted).create();
    }

    /** The pods the operator made for the resource, by its instance label. */
    List<Pod> pods(String instanceLabel) {
        return client.pods()
                .inNamespace(namespace())
                .withLabel(instanceLabel, name())
                .list()
                .getItems();
    }

    static boolean ready(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null
                && pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The status as last written, or empty. */
    Map<?, ?> status() {
        return owner.get("status") instanceof Map<?, ?> status ? status : Map.of();
    }

    /** Writes the status through the status subresource, only when it changed (a write bumps the resourceVersion, an event). */
    void writeStatus(Map<String, Object> status) {
        // Compared as the API server would echo it: a Long generation reads back as an Integer.
        if (Objects.equals(Serialization.unmarshal(Serialization.asJson(status), Map.class), status())) {
            return;
        }
        GenericKubernetesResource updated = client.genericKubernetesResources(type)
                .inNamespace(namespace())
                .withName(name())
                .get();
        if (updated == null) {
            return;
        }
        updated.setAdditionalProperties(new HashMap<>(updated.getAdditionalProperties()));
        updated.getAdditionalProperties().put("status", status);
        client.genericKubernetesResources(type)
                .inNamespace(namespace())
                .resource(updated)
                .updateStatus();
    }
}
