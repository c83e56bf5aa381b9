package dev.ghillie.preview.standin;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
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
final class ValkeyIoStandin implements StandinReconciler {

    static final ResourceDefinitionContext TYPE = new ResourceDefinitionContext.Builder()
            .withGroup("valkey.io").withVersion("v1alpha1").withKind("ValkeyCluster").withPlural("valkeyclusters").withNamespaced(true)
            .build();
    static final String CLUSTER_LABEL = "valkey.io/cluster";
    static final int PORT = 6379;
    private static final long VALKEY_UID = 1000;

    private final KubernetesClient client;
    private final String image;

    ValkeyIoStandin(KubernetesClient client, String image) {
        this.client = client;
        this.image = image;
    }

    @Override
    public ResourceDefinitionContext type() {
        return TYPE;
    }

    @Override
    public String instanceLabel() {
        return CLUSTER_LABEL;
    }

    /** Where the {@code default} user's password is: the user's passwordSecret, else the operator's defaults. */
    record PasswordRef(String secret, String key) {
        static Optional<PasswordRef> of(GenericKubernetesResource cluster) {
            Object users = CnpgStandin.map(cluster.get("spec")).get("users");
            if (!(users instanceof List<?> list)) {
                return Optional.empty();
            }
            return list.stream().map(CnpgStandin::map).filter(user -> "default".equals(user.get("name"))).findFirst().map(user -> {
                Map<?, ?> passwordSecret = CnpgStandin.map(user.get("passwordSecret"));
                String secret = passwordSecret.get("name") instanceof String s ? s : cluster.getMetadata().getName() + "-users";
                return new PasswordRef(secret, "default");
            });
        }
    }

    @Override
    public void reconcile(String namespace, String name) {
        GenericKubernetesResource cluster = client.genericKubernetesResources(TYPE).inNamespace(namespace).withName(name).get();
        if (cluster == null || cluster.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        OwnedObjects owned = new OwnedObjects(client, TYPE, cluster);
        Optional<PasswordRef> password = PasswordRef.of(cluster);
        if (password.isPresent() && !secretHasKey(namespace, password.get())) {
            // The operator's answer to a user whose Secret or key is missing: not ready, reason UsersACLError.
            owned.writeStatus(status(owned, cluster, 0, new StatusCondition("Ready", false, "UsersACLError",
                    "missing password key in secret " + password.get().secret())));
            return;
        }
        owned.createIfAbsent(new ServiceBuilder().withNewMetadata().withName("valkey-" + name).withLabels(labels(name)).endMetadata()
                .withNewSpec().withClusterIP("None").addToSelector(CLUSTER_LABEL, name)
                .addNewPort().withName("valkey").withPort(PORT).withNewTargetPort(PORT).withProtocol("TCP").endPort().endSpec().build());
        int shards = shards(cluster);
        for (int shard = 0; shard < shards; shard++) {
            owned.createIfAbsent(node(name, shard, password));
        }
        int readyShards = (int) owned.pods(CLUSTER_LABEL).stream().filter(OwnedObjects::ready).count();
        StatusCondition ready = readyShards >= shards ? new StatusCondition("Ready", true, "ClusterHealthy", "Cluster is healthy")
                : new StatusCondition("Ready", false, "MissingShards", "Waiting for " + (shards - readyShards) + " of " + shards + " shards");
        owned.writeStatus(status(owned, cluster, readyShards, ready));
    }

    private boolean secretHasKey(String namespace, PasswordRef ref) {
        Secret secret = client.secrets().inNamespace(namespace).withName(ref.secret()).get();
        return secret != null && secret.getData() != null && secret.getData().get(ref.key()) != null;
    }

    private static int shards(GenericKubernetesResource cluster) {
        return CnpgStandin.map(cluster.get("spec")).get("shards") instanceof Number n ? n.intValue() : 1;
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
        DeploymentBuilder deployment = new DeploymentBuilder().withNewMetadata().withName("valkey-" + name + "-" + shard + "-0")
                .withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(5L)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(VALKEY_UID).withRunAsGroup(VALKEY_UID).withFsGroup(VALKEY_UID)
                .endSecurityContext()
                .addNewContainer().withName("valkey-server").withImage(image).withImagePullPolicy("IfNotPresent")
                .addNewPort().withName("valkey").withContainerPort(PORT).withProtocol("TCP").endPort()
                .withNewReadinessProbe().withNewTcpSocket().withNewPort(PORT).endTcpSocket().withPeriodSeconds(2).endReadinessProbe()
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().endTemplate().endSpec();
        password.ifPresent(ref -> deployment.editSpec().editTemplate().editSpec().editFirstContainer()
                .addNewEnv().withName("VALKEY_PASSWORD").withNewValueFrom().withNewSecretKeyRef(ref.key(), ref.secret(), false)
                .endValueFrom().endEnv().endContainer().endSpec().endTemplate().endSpec());
        return deployment.build();
    }

    /** The operator's state from its conditions: Ready=True gives Ready, else Progressing=True gives Reconciling, else Failed. */
    private static Map<String, Object> status(OwnedObjects owned, GenericKubernetesResource cluster, int readyShards, StatusCondition ready) {
        Long generation = cluster.getMetadata().getGeneration();
        List<?> previous = CnpgStandin.map(owned.status()).get("conditions") instanceof List<?> list ? list : List.of();
        boolean waiting = !ready.status() && !"UsersACLError".equals(ready.reason());
        List<StatusCondition> conditions = new ArrayList<>(List.of(ready, waiting
                ? new StatusCondition("Progressing", true, "Initializing", "Waiting for the nodes to become ready")
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
        status.put("conditions", conditions.stream().map(c -> c.toMap(previous, generation)).toList());
        return status;
    }
}
