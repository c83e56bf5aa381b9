package dev.ghillie.preview.standin;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stands in for the valkey-io operator (shared/reference/valkey-io-operator.md), from a client's point of view: for a
 * {@code valkey.io/v1alpha1 ValkeyCluster} one Valkey node per shard (a Deployment {@code valkey-<cluster>-<shard>-0}, the
 * operator's {@code workloadType: Deployment}), the headless Service {@code valkey-<cluster>} on 6379, the password of a
 * {@code default} user in {@code spec.users} from the users Secret (default {@code <cluster>-users}, key {@code default}),
 * and the status the operator writes: {@code state}, {@code reason}, {@code message}, {@code shards}, {@code readyShards}
 * and its conditions, each stamped with the generation judged. The server runs standalone, not in cluster mode.
 */
final class ValkeyIoStandin extends StandinReconciler {

    static final ResourceDefinitionContext TYPE = new ResourceDefinitionContext.Builder()
            .withGroup("valkey.io")
            .withVersion("v1alpha1")
            .withKind("ValkeyCluster")
            .withPlural("valkeyclusters")
            .withNamespaced(true)
            .build();
    static final String CLUSTER_LABEL = "valkey.io/cluster";
    static final int PORT = 6379;
    private static final long VALKEY_UID = 1000;

    ValkeyIoStandin(KubernetesClient client, String image) {
        super(client, image, TYPE, CLUSTER_LABEL);
    }

    /** Where the {@code default} user's password is: the user's passwordSecret, else the operator's defaults. */
    record PasswordRef(String secret, String key) {
        static Optional<PasswordRef> of(GenericKubernetesResource cluster) {
            Object users = map(cluster.get("spec")).get("users");
            if (!(users instanceof List<?> list)) {
                return Optional.empty();
            }
            return list.stream()
                    .map(StandinReconciler::map)
                    .filter(user -> "default".equals(user.get("name")))
                    .findFirst()
                    .map(user -> {
                        Map<?, ?> passwordSecret = map(user.get("passwordSecret"));
                        String secret = passwordSecret.get("name") instanceof String s
                                ? s
                                : cluster.getMetadata().getName() + "-users";
                        return new PasswordRef(secret, "default");
                    });
        }
    }

    @Override
    void reconcile(OwnedObjects owned, GenericKubernetesResource cluster) {
        String namespace = owned.namespace();
        String name = owned.name();
        Optional<PasswordRef> password = PasswordRef.of(cluster);
        if (password.isPresent() && !secretHasKey(namespace, password.get())) {
            // The operator's answer to a user whose Secret or key is missing: not ready, reason UsersACLError.
            owned.writeStatus(status(
                    owned,
                    cluster,
                    0,
                    new StatusCondition(
                            "Ready",
                            false,
                            "UsersACLError",
                            "missing password key in secret " + password.get().secret())));
            return;
        }
        owned.createIfAbsent(new ServiceBuilder()
                .withNewMetadata()
                .withName("valkey-" + name)
                .withLabels(labels(name))
                .endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .addToSelector(CLUSTER_LABEL, name)
                .addNewPort()
                .withName("valkey")
                .withPort(PORT)
                .withNewTargetPort(PORT)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build());
        int shards = shards(cluster);
        for (int shard = 0; shard < shards; shard++) {
            owned.createIfAbsent(node(name, shard, password));
        }
        int readyShards = (int) readyPods(owned);
        StatusCondition ready = readyShards >= shards
                ? new StatusCondition("Ready", true, "ClusterHealthy", "Cluster is healthy")
                : new StatusCondition(
                        "Ready",
                        false,
                        "MissingShards",
                        "Waiting for " + (shards - readyShards) + " of " + shards + " shards");
        owned.writeStatus(status(owned, cluster, readyShards, ready));
    }

    private boolean secretHasKey(String namespace, PasswordRef ref) {
        Secret secret =
                client.secrets().inNamespace(namespace).withName(ref.secret()).get();
        return secret != null && secret.getData() != null && secret.getData().get(ref.key()) != null;
    }

    private static int shards(GenericKubernetesResource cluster) {
        return map(cluster.get("spec")).get("shards") instanceof Number n ? n.intValue() : 1;
    }

    private static Map<String, String> labels(String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "valkey");
        labels.put("app.kubernetes.io/instance", name);
        labels.put("app.kubernetes.io/managed-by", "valkey-operator");
        labels.put(CLUSTER_LABEL, name);
        return labels;
    }

    private Deployment node(String name, int shard, Optional<PasswordRef> password) {
        Map<String, String> labels = labels(name);
        labels.put("app.kubernetes.io/component", "valkey-node");
        labels.put("valkey.io/shard-index", Integer.toString(shard));
        labels.put("valkey.io/node-index", "0");
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("valkey-" + name + "-" + shard + "-0")
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .withMatchLabels(labels)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withSpec(serverPod(
                        VALKEY_UID,
                        "valkey-server",
                        image,
                        "valkey",
                        PORT,
                        new ProbeBuilder()
                                .withNewTcpSocket()
                                .withNewPort(PORT)
                                .endTcpSocket()
                                .withPeriodSeconds(2)
                                .build(),
                        "/data",
                        password.map(ref -> List.of(new EnvVarBuilder()
                                        .withName("VALKEY_PASSWORD")
                                        .withNewValueFrom()
                                        .withNewSecretKeyRef(ref.key(), ref.secret(), false)
                                        .endValueFrom()
                                        .build()))
                                .orElse(List.of())))
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The operator's state from its conditions: Ready=True gives Ready, else Progressing=True gives Reconciling, else Failed. */
    private static Map<String, Object> status(
            OwnedObjects owned, GenericKubernetesResource cluster, int readyShards, StatusCondition ready) {
        Long generation = cluster.getMetadata().getGeneration();
        List<?> previous = previousConditions(owned);
        boolean waiting = !ready.status() && !"UsersACLError".equals(ready.reason());
        List<StatusCondition> conditions = new ArrayList<>(List.of(
                ready,
                waiting
                        ? new StatusCondition(
                                "Progressing", true, "Initializing", "Waiting for the nodes to become ready")
                        : new StatusCondition("Progressing", false, "ReconcileComplete", "No changes needed")));
        if (ready.status()) {
            conditions.add(new StatusCondition("ClusterFormed", true, "TopologyComplete", "All nodes joined cluster"));
            conditions.add(new StatusCondition("SlotsAssigned", true, "AllSlotsAssigned", "All slots assigned"));
        }
        StatusCondition deciding = ready.status() || !waiting ? ready : conditions.get(1);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", ready.status() ? "Ready" : waiting ? "Reconciling" : "Failed");
        status.put("reason", deciding.reason());
        status.put("message", deciding.message());
        status.put("shards", shards(cluster));
        status.put("readyShards", readyShards);
        status.put(
                "conditions",
                conditions.stream().map(c -> c.toMap(previous, generation)).toList());
        return status;
    }
}
