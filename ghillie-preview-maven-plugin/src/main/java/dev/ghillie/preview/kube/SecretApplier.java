package dev.ghillie.preview.kube;

import dev.ghillie.preview.SecretValue;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes Secrets without letting their values into any message: errors name the Secret, the key and the
 * HTTP status; anything the API server echoes back is masked first. No exception cause is attached, because a
 * client exception's message may carry the request.
 */
public final class SecretApplier {

    /** What {@link #apply} did. */
    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    private final KubernetesClient client;

    public SecretApplier(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Creates the Secret, or updates it when its data or labels differ; writes nothing when they do not, so pods that
     * read the Secret are not disturbed by a re-run.
     */
    public Outcome apply(SecretSpec spec) {
        Map<String, String> encoded = encode(spec.data());
        try {
            Secret existing = client.secrets()
                    .inNamespace(spec.namespace())
                    .withName(spec.name())
                    .get();
            if (existing == null) {
                try {
                    client.secrets()
                            .inNamespace(spec.namespace())
                            .resource(new SecretBuilder()
                                    .withNewMetadata()
                                    .withName(spec.name())
                                    .withNamespace(spec.namespace())
                                    .withLabels(spec.labels())
                                    .endMetadata()
                                    .withType("Opaque")
                                    .withData(encoded)
                                    .build())
                            .create();
                    return Outcome.CREATED;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                        throw e;
                    }
                    // Created by someone else in between: fall through to an update.
                    existing = client.secrets()
                            .inNamespace(spec.namespace())
                            .withName(spec.name())
                            .get();
                }
            }
            if (Objects.equals(existing.getData(), encoded) && hasLabels(existing, spec.labels())) {
                return Outcome.UNCHANGED;
            }
            client.secrets()
                    .inNamespace(spec.namespace())
                    .withName(spec.name())
                    .edit(s -> new SecretBuilder(s)
                            .editMetadata()
                            .addToLabels(spec.labels())
                            .endMetadata()
                            .withData(encoded)
                            .withStringData(null)
                            .build());
            return Outcome.UPDATED;
        } catch (KubernetesClientException e) {
            throw failure(
                    "write Secret " + spec.name() + " in namespace " + spec.namespace(),
                    e,
                    spec.data().values());
        }
    }

    private static boolean hasLabels(Secret secret, Map<String, String> labels) {
        Map<String, String> existing = secret.getMetadata().getLabels() == null
                ? Map.of()
                : secret.getMetadata().getLabels();
        return existing.entrySet().containsAll(labels.entrySet());
    }

    private static Map<String, String> encode(Map<String, SecretValue> data) {
        Map<String, String> encoded = new HashMap<>();
        data.forEach((k, v) ->
                encoded.put(k, Base64.getEncoder().encodeToString(v.reveal().getBytes(StandardCharsets.UTF_8))));
        return encoded;
    }

    private static KubeException failure(String action, KubernetesClientException e, Collection<SecretValue> values) {
        String serverMessage = e.getStatus() == null || e.getStatus().getMessage() == null
                ? ""
                : e.getStatus().getMessage();
        for (SecretValue value : values) {
            serverMessage = value.maskIn(serverMessage);
            serverMessage = SecretValue.of(
                            Base64.getEncoder().encodeToString(value.reveal().getBytes(StandardCharsets.UTF_8)))
                    .maskIn(serverMessage);
        }
        return new KubeException("Could not " + action + " (HTTP " + e.getCode() + ")"
                + (serverMessage.isBlank() ? "" : ": " + EventReader.oneLine(serverMessage)) + ".");
    }
}
