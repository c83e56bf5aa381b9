package dev.ghillie.preview.kube;

import dev.ghillie.preview.Deadline;
import dev.ghillie.preview.DurationText;
import dev.ghillie.preview.ProgressSink;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Waits until a custom resource (an operator's instance, applied beside the app) satisfies a
 * {@link ReadinessCheck}, reading it as a {@link GenericKubernetesResource} so no generated model is needed. At
 * the deadline the exception shows the resource's status fields, conditions and recent events.
 *
 * <p>For the operators' own Deployments use {@link RolloutWaiter} with a {@link LabelSelection}.
 */
public final class ResourceWaiter {

    private static final int MAX_EVENTS = 8;
    private static final int MAX_FIELD_LENGTH = 200;

    private final KubernetesClient client;
    private final ProgressSink progress;
    private final EventReader events;

    public ResourceWaiter(KubernetesClient client, ProgressSink progress) {
        this.client = Objects.requireNonNull(client, "client");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.events = new EventReader(client);
    }

    /**
     * Returns the resource as last read, once {@code check} holds.
     *
     * @throws ResourceNotReadyException when the deadline passes first
     */
    public GenericKubernetesResource await(CustomResourceRef ref, ReadinessCheck check, WaitPolicy policy) {
        Deadline deadline = Deadline.after(policy.timeout());
        while (true) {
            GenericKubernetesResource resource = read(ref);
            if (check.isReady(resource)) {
                progress.detail(ref.shortName() + " is ready");
                return resource;
            }
            if (deadline.expired()) {
                throw notReady(ref, check, policy, resource);
            }
            deadline.sleep(policy.pollInterval(), ref.shortName() + " in namespace " + ref.namespace());
        }
    }

    private GenericKubernetesResource read(CustomResourceRef ref) {
        try {
            return client.genericKubernetesResources(ref.type())
                    .inNamespace(ref.namespace())
                    .withName(ref.name())
                    .get();
        } catch (KubernetesClientException e) {
            throw new KubeException(
                    "Could not read " + ref.shortName() + " (" + ref.apiVersion() + ") in namespace " + ref.namespace()
                            + " (" + ApiFailure.detail(e) + "): is its operator installed?",
                    e);
        }
    }

    private ResourceNotReadyException notReady(
            CustomResourceRef ref, ReadinessCheck check, WaitPolicy policy, GenericKubernetesResource resource) {
        String what = ref.shortName() + " (" + ref.apiVersion() + ") in namespace " + ref.namespace();
        String after = " after " + DurationText.of(policy.timeout());
        if (resource == null) {
            return new ResourceNotReadyException(
                    what + " does not exist" + after
                            + ": check that it was applied and that its operator's CRDs are installed.",
                    List.of());
        }
        List<String> details = new ArrayList<>();
        Map<?, ?> status = ReadinessCheck.status(resource);
        if (status.isEmpty()) {
            details.add("  no status yet: is the operator running? (check its pods and logs)");
        }
        status.forEach((key, value) -> {
            if (!(value instanceof Map) && !(value instanceof List)) {
                details.add("  status." + key + ": " + truncate(String.valueOf(value)));
            }
        });
        List<Map<?, ?>> conditions = ReadinessCheck.conditions(resource);
        if (!conditions.isEmpty()) {
            details.add("  conditions:");
            conditions.forEach(c -> details.add("    " + c.get("type") + "=" + c.get("status")
                    + (c.get("reason") == null ? "" : " (" + c.get("reason") + ")")
                    + (c.get("message") == null
                            ? ""
                            : ": " + truncate(EventReader.oneLine(String.valueOf(c.get("message")))))));
        }
        List<String> recent = events.recent(ref.namespace(), ref.type().getKind(), ref.name(), false, MAX_EVENTS);
        if (!recent.isEmpty()) {
            details.add("  recent events:");
            recent.forEach(e -> details.add("    " + e));
        }
        return new ResourceNotReadyException(
                what + " not ready" + after + ": waiting for " + check.description() + ".", details);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_FIELD_LENGTH ? text : text.substring(0, MAX_FIELD_LENGTH) + "…";
    }
}
