package dev.ghillie.preview.platform;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.ReleaseConverger;
import dev.ghillie.preview.kube.ReadinessCheck;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Valkey through the Valkey project's own operator (valkey-io/valkey-operator, {@code valkey.io/v1alpha1},
 * kind {@code ValkeyCluster}): the operator chart in {@code valkey-operator-system}, a one-shard
 * {@code ValkeyCluster} without replicas, and {@code VALKEY_URL} formed from the users Secret and the
 * operator's Service {@code valkey-<cluster>} on 6379.
 *
 * <p>The operator generates no client password: without a user in {@code spec.users} Valkey keeps its
 * built-in {@code default} user with no password. So the service writes the users Secret itself
 * ({@code <cluster>-users}, key {@code default}: the operator's defaults for name and key) with a
 * generated password before it applies the cluster, and names {@code default} in {@code spec.users}.
 * Contract: shared/reference/valkey-io-operator.md, checked against the operator's source at v0.4.0.
 */
public final class ValkeyIoValkey extends OperatorBackedService {

    public static final String OPERATOR_NAMESPACE = "valkey-operator-system";
    public static final String OPERATOR_RELEASE = "valkey-operator";
    public static final String API_VERSION = "valkey.io/v1alpha1";
    /** Named explicitly: no discovery round trip, and a clear 404 when the operator's CRD is missing. */
    static final ResourceDefinitionContext TYPE = new ResourceDefinitionContext.Builder()
            .withGroup("valkey.io")
            .withVersion("v1alpha1")
            .withKind("ValkeyCluster")
            .withPlural("valkeyclusters")
            .withNamespaced(true)
            .build();
    /**
     * Not the release's name: the operator labels everything it makes {@code app.kubernetes.io/instance=<cluster>},
     * the label by which the rollout wait and the port-forward find the app's objects.
     */
    public static final String NAME = "valkey-ghillie";
    /** The operator's Service: its prefix {@code valkey-} and the cluster's name (headless; one shard holds every slot). */
    public static final String SERVICE = "valkey-" + NAME;

    public static final int PORT = 6379;
    /** The operator's default users Secret name and key ({@code <cluster>-users}, the user's name). */
    public static final String USERS_SECRET = NAME + "-users";

    public static final String USER = "default";

    private static final int PASSWORD_LENGTH = 32;
    /** Letters and digits: nothing to encode, and never the operator's pre-hashed form ('#' and 64 hex digits). */
    private static final String PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    static final Spec SPEC = new Spec(
            "valkey",
            OPERATOR_RELEASE,
            OPERATOR_NAMESPACE,
            TYPE,
            ValkeyIoValkey::ensureUsersSecret,
            ValkeyIoValkey::valkeyCluster,
            clusterReady(),
            USERS_SECRET,
            USER,
            (namespace, password) -> ValkeyUrl.of(SERVICE, namespace, PORT, password));

    public ValkeyIoValkey(
            ReleaseConverger releases,
            PlatformWaits waits,
            Function<Path, KubernetesClient> clients,
            ChartSource chart,
            Duration timeout) {
        super(SPEC, releases, waits, clients, chart, timeout);
    }

    /**
     * {@code status.state == Ready} (the operator derives the state from its conditions: Ready=True and not Degraded), or
     * condition {@code Ready=True}; either for the current generation.
     */
    static ReadinessCheck clusterReady() {
        Predicate<GenericKubernetesResource> ready = ReadinessCheck.conditionTrue("Ready")
                .predicate()
                .or(r -> "Ready".equals(ReadinessCheck.status(r).get("state")));
        return new ReadinessCheck(
                "status.state=Ready or condition Ready=True, for the current generation",
                ready.and(ValkeyIoValkey::conditionsObserveCurrentGeneration));
    }

    /**
     * The operator stamps each condition with the generation it judged (its contract: compare observedGeneration with
     * metadata.generation); after a spec change on a re-run, a Ready of the old generation is stale, not ready.
     */
    private static boolean conditionsObserveCurrentGeneration(GenericKubernetesResource resource) {
        Long generation =
                resource.getMetadata() == null ? null : resource.getMetadata().getGeneration();
        if (generation == null) {
            return true;
        }
        return ReadinessCheck.conditions(resource).stream()
                .map(c -> c.get("observedGeneration"))
                .filter(Number.class::isInstance)
                .map(Number.class::cast)
                .allMatch(observed -> observed.longValue() == generation);
    }

    /** One primary, no replicas, no metrics sidecar (one image less to pull); user default with every right. */
    static GenericKubernetesResource valkeyCluster(String namespace) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind("ValkeyCluster")
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "ghillie-preview")
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", valkeyClusterSpec()))
                .build();
    }

    /** The ValkeyCluster's spec, shared with the GitOps previews. */
    public static Map<String, Object> valkeyClusterSpec() {
        return Map.of(
                "shards",
                1,
                "replicas",
                0,
                "exporter",
                Map.of("enabled", false),
                "users",
                List.of(Map.of("name", USER, "permissions", "+@all ~* &*")));
    }

    /**
     * Writes the password once and keeps it: a new one on every run would change {@code VALKEY_URL}
     * and restart the app for nothing. Other keys of an existing Secret are kept as they are.
     */
    static void ensureUsersSecret(KubernetesClient client, String namespace) {
        try {
            writeUsersSecretOnce(client, namespace);
        } catch (KubernetesClientException e) {
            // Neither the server's message nor the exception: a refused write may echo the request, password included.
            throw new PreviewException(
                    "Could not write Secret " + USERS_SECRET + " in namespace " + namespace + " (HTTP " + e.getCode()
                            + "): is the cluster running, the kubeconfig current, and may it write Secrets there?");
        }
    }

    private static void writeUsersSecretOnce(KubernetesClient client, String namespace) {
        Secret existing =
                client.secrets().inNamespace(namespace).withName(USERS_SECRET).get();
        if (existing != null && existing.getData() != null && existing.getData().get(USER) != null) {
            labelAsData(client, namespace, existing);
            return;
        }
        String password = Base64.getEncoder().encodeToString(generatedPassword().getBytes(StandardCharsets.UTF_8));
        Secret wanted = (existing == null ? new SecretBuilder() : new SecretBuilder(existing))
                .editOrNewMetadata()
                .withName(USERS_SECRET)
                .withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "ghillie-preview")
                .addToLabels(PreviewData.DATA_SERVICE_LABEL, SPEC.name())
                .endMetadata()
                .addToData(USER, password)
                .build();
        client.secrets().inNamespace(namespace).resource(wanted).createOr(NonDeletingOperation::update);
    }

    /**
     * The password is the data's key: {@code down} keeps the Secret with the data (see {@link PreviewData}), so the Secret
     * carries the data label; one written before the label existed gets it here, its password untouched.
     */
    private static void labelAsData(KubernetesClient client, String namespace, Secret existing) {
        Map<String, String> labels = existing.getMetadata().getLabels();
        if (labels != null && SPEC.name().equals(labels.get(PreviewData.DATA_SERVICE_LABEL))) {
            return;
        }
        client.secrets()
                .inNamespace(namespace)
                .withName(USERS_SECRET)
                .edit(secret -> new SecretBuilder(secret)
                        .editMetadata()
                        .addToLabels(PreviewData.DATA_SERVICE_LABEL, SPEC.name())
                        .endMetadata()
                        .build());
    }

    private static String generatedPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
