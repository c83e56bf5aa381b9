package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One look, without waiting, at what {@code up}'s waits wait for: a selection's Deployments judged as
 * {@link RolloutWaiter} judges them, a custom resource judged by the same {@link ReadinessCheck} as
 * {@link ResourceWaiter}, and which keys a Secret has. For {@code preview:status}.
 */
public final class CurrentReadiness {

    /** Deployments of a selection, as the rollout wait judges them. */
    public record Deployments(List<String> ready, List<String> notReady, boolean stalled) {

        public Deployments {
            ready = List.copyOf(ready);
            notReady = List.copyOf(notReady);
        }

        public boolean none() {
            return ready.isEmpty() && notReady.isEmpty();
        }

        public boolean allReady() {
            return !ready.isEmpty() && notReady.isEmpty();
        }
    }

    /** A custom resource as its readiness check sees it. */
    public sealed interface Resource {
        /** Not there; {@code why} says whether the resource or its type is missing. */
        record Absent(String why) implements Resource {}

        record Ready(String check) implements Resource {}

        /** {@code detail}: what readiness means and what the resource's status says now. */
        record NotReady(String detail) implements Resource {}
    }

    private final KubernetesClient client;

    public CurrentReadiness(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    public Deployments deployments(LabelSelection selection) {
        List<Deployment> found;
        try {
            found = client.apps()
                    .deployments()
                    .inNamespace(selection.namespace())
                    .withLabels(selection.labels())
                    .list()
                    .getItems();
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("list the Deployments labelled " + selection.describe(), e);
        }
        List<DeploymentRollout> rollouts =
                found.stream().map(DeploymentRollout::of).toList();
        return new Deployments(
                rollouts.stream()
                        .filter(DeploymentRollout::ready)
                        .map(DeploymentRollout::name)
                        .sorted()
                        .toList(),
                rollouts.stream()
                        .filter(r -> !r.ready())
                        .map(r -> r.name() + ": " + r.waitingFor())
                        .sorted()
                        .toList(),
                rollouts.stream().anyMatch(DeploymentRollout::stalled));
    }

    public Resource resource(ResourceDefinitionContext type, String namespace, String name, ReadinessCheck check) {
        GenericKubernetesResource resource;
        try {
            resource = client.genericKubernetesResources(type)
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return new Resource.Absent("the cluster has no resource type " + type.getGroup() + "/"
                        + type.getVersion() + " " + type.getKind() + ": its operator's CRD is missing");
            }
            throw ApiFailure.of("read " + type.getKind() + " " + namespace + "/" + name, e);
        }
        if (resource == null) {
            return new Resource.Absent(type.getKind() + " " + namespace + "/" + name + " does not exist");
        }
        if (check.isReady(resource)) {
            return new Resource.Ready(check.description());
        }
        return new Resource.NotReady("waiting for " + check.description() + statusNow(resource));
    }

    /** {@code ; now: phase 'Setting up primary', Ready=False (...)}: what the operator reports, in its own words. */
    private static String statusNow(GenericKubernetesResource resource) {
        Map<?, ?> status = ReadinessCheck.status(resource);
        StringBuilder now = new StringBuilder();
        for (String field : List.of("phase", "state")) {
            if (status.get(field) != null) {
                now.append(now.isEmpty() ? "" : ", ")
                        .append(field)
                        .append(" '")
                        .append(status.get(field))
                        .append("'");
            }
        }
        ReadinessCheck.conditions(resource).stream()
                .filter(c -> "Ready".equals(c.get("type")))
                .findFirst()
                .ifPresent(c -> {
                    Object message = c.get("message");
                    now.append(now.isEmpty() ? "" : ", ")
                            .append("Ready=")
                            .append(c.get("status"))
                            .append(message == null ? "" : " (" + EventReader.oneLine(String.valueOf(message)) + ")");
                });
        return now.isEmpty() ? "; no status yet" : "; now: " + now;
    }

    /** The Secret's key names, sorted (never its values); empty when there is no such Secret. */
    public Optional<List<String>> secretKeys(String namespace, String name) {
        Secret secret;
        try {
            secret = client.secrets().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            // Only the code: a Secret's read is no place to echo what the server said.
            throw new KubeException(
                    "Could not read Secret " + namespace + "/" + name + " (HTTP " + e.getCode()
                            + "): is the cluster running, the kubeconfig current, and may it read Secrets there?",
                    e);
        }
        if (secret == null) {
            return Optional.empty();
        }
        TreeSet<String> keys = new TreeSet<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return Optional.of(List.copyOf(keys));
    }
}
