package dev.ghillie.preview.kube;

import dev.ghillie.preview.Deadline;
import dev.ghillie.preview.DurationText;
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
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes and reads Secrets without letting their values into any message: errors name the Secret, the key and the
 * HTTP status; anything the API server echoes back is masked first. No exception cause is attached, because a
 * client exception's message may carry the request.
 */
public final class SecretApplier implements SecretStore {

    private final KubernetesClient client;

    public SecretApplier(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Unchanged data means no write, so pods that read the Secret are not disturbed by a re-run. */
    @Override
    public Outcome apply(SecretSpec spec) {
        Map<String, String> encoded = encode(spec.data());
        try {
            Secret existing = client.secrets().inNamespace(spec.namespace()).withName(spec.name()).get();
            if (existing == null) {
                try {
                    client.secrets().inNamespace(spec.namespace()).resource(new SecretBuilder()
                            .withNewMetadata().withName(spec.name()).withNamespace(spec.namespace())
                            .withLabels(spec.labels()).endMetadata()
                            .withType("Opaque")
                            .withData(encoded)
                            .build()).create();
                    return Outcome.CREATED;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                        throw e;
                    }
                    // Created by someone else in between: fall through to an update.
                    existing = client.secrets().inNamespace(spec.namespace()).withName(spec.name()).get();
                }
            }
            if (Objects.equals(existing.getData(), encoded) && hasLabels(existing, spec.labels())) {
                return Outcome.UNCHANGED;
            }
            client.secrets().inNamespace(spec.namespace()).withName(spec.name()).edit(s -> new SecretBuilder(s)
                    .editMetadata().addToLabels(spec.labels()).endMetadata()
                    .withData(encoded)
                    .withStringData(null)
                    .build());
            return Outcome.UPDATED;
        } catch (KubernetesClientException e) {
            throw failure("write Secret " + spec.name() + " in namespace " + spec.namespace(), e, spec.data().values());
        }
    }

    /** E.g. CloudNativePG's {@code <cluster>-app} {@code uri}; the error names the keys that exist. */
    @Override
    public SecretValue read(String namespace, String secretName, String key) {
        return find(namespace, secretName, key).orElseThrow(() -> new KubeException("Secret " + secretName
                + " in namespace " + namespace + " has no key '" + key + "'" + keysHint(namespace, secretName)));
    }

    /** Operators write their Secrets some time after the resource is created. */
    @Override
    public SecretValue await(String namespace, String secretName, String key, WaitPolicy policy) {
        Deadline deadline = Deadline.after(policy.timeout());
        while (true) {
            Optional<SecretValue> value = find(namespace, secretName, key);
            if (value.isPresent()) {
                return value.get();
            }
            if (deadline.expired()) {
                throw new KubeException("Secret " + secretName + " in namespace " + namespace + " has no key '" + key
                        + "' after " + DurationText.of(policy.timeout()) + keysHint(namespace, secretName));
            }
            deadline.sleep(policy.pollInterval(), "Secret " + secretName + " in namespace " + namespace);
        }
    }

    private Optional<SecretValue> find(String namespace, String secretName, String key) {
        Secret secret = get(namespace, secretName);
        if (secret == null) {
            return Optional.empty();
        }
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return Optional.of(SecretValue.of(new String(Base64.getDecoder().decode(secret.getData().get(key)),
                    StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
            return Optional.of(SecretValue.of(secret.getStringData().get(key)));
        }
        return Optional.empty();
    }

    private Secret get(String namespace, String secretName) {
        try {
            return client.secrets().inNamespace(namespace).withName(secretName).get();
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("read Secret " + secretName + " in namespace " + namespace, e);
        }
    }

    /** Names the keys that do exist (never their values), or says the Secret is missing. */
    private String keysHint(String namespace, String secretName) {
        Secret secret = get(namespace, secretName);
        if (secret == null) {
            return ": the Secret does not exist.";
        }
        Map<String, String> keys = new TreeMap<>(secret.getData() == null ? Map.of() : secret.getData());
        return ": it has " + (keys.isEmpty() ? "no keys." : "keys " + String.join(", ", keys.keySet()) + ".");
    }

    private static boolean hasLabels(Secret secret, Map<String, String> labels) {
        Map<String, String> existing = secret.getMetadata().getLabels() == null ? Map.of() : secret.getMetadata().getLabels();
        return existing.entrySet().containsAll(labels.entrySet());
    }

    private static Map<String, String> encode(Map<String, SecretValue> data) {
        Map<String, String> encoded = new HashMap<>();
        data.forEach((k, v) -> encoded.put(k,
                Base64.getEncoder().encodeToString(v.reveal().getBytes(StandardCharsets.UTF_8))));
        return encoded;
    }

    private static KubeException failure(String action, KubernetesClientException e, Collection<SecretValue> values) {
        String serverMessage = e.getStatus() == null || e.getStatus().getMessage() == null ? "" : e.getStatus().getMessage();
        for (SecretValue value : values) {
            serverMessage = value.maskIn(serverMessage);
            serverMessage = SecretValue.of(Base64.getEncoder().encodeToString(
                    value.reveal().getBytes(StandardCharsets.UTF_8))).maskIn(serverMessage);
        }
        return new KubeException("Could not " + action + " (HTTP " + e.getCode() + ")"
                + (serverMessage.isBlank() ? "" : ": " + EventReader.oneLine(serverMessage)) + ".");
    }
}
