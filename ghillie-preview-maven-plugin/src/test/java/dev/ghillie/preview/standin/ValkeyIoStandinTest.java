package dev.ghillie.preview.standin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.kube.ReadinessCheck;
import dev.ghillie.preview.platform.OperatorTarget;
import dev.ghillie.preview.platform.ValkeyIoValkey;
import dev.ghillie.preview.settings.ValkeyOperator;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in valkey-io operator against the ValkeyCluster the plugin writes, judged by the plugin's own readiness check. */
@EnableKubernetesMockClient(crud = true)
class ValkeyIoStandinTest {

    private static final String NS = "ghillie";
    private static final String NAME = ValkeyIoValkey.NAME;

    KubernetesClient client;
    private ValkeyIoStandin standin;
    private final ReadinessCheck readiness =
            OperatorTarget.valkey(ValkeyOperator.VALKEY_IO).readiness();

    @BeforeEach
    void clusterAsThePluginWritesIt() {
        standin = new ValkeyIoStandin(client, "ghillie-standin-valkey:7");
        client.genericKubernetesResources(ValkeyIoStandin.TYPE)
                .inNamespace(NS)
                .resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion(ValkeyIoValkey.API_VERSION)
                        .withKind("ValkeyCluster")
                        .withNewMetadata()
                        .withName(NAME)
                        .withNamespace(NS)
                        .withGeneration(1L)
                        .endMetadata()
                        .withAdditionalProperties(Map.of("spec", ValkeyIoValkey.valkeyClusterSpec()))
                        .build())
                .create();
    }

    private GenericKubernetesResource cluster() {
        return client.genericKubernetesResources(ValkeyIoStandin.TYPE)
                .inNamespace(NS)
                .withName(NAME)
                .get();
    }

    private Map<?, ?> status() {
        return (Map<?, ?>) cluster().get("status");
    }

    private void usersSecret() {
        client.secrets()
                .inNamespace(NS)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(ValkeyIoValkey.USERS_SECRET)
                        .endMetadata()
                        .addToData(ValkeyIoValkey.USER, "cHc=")
                        .build())
                .create(); // "pw"; the mock server does not turn stringData into data
    }

    private void nodePod(boolean ready) {
        client.pods()
                .inNamespace(NS)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("valkey-" + NAME + "-0-0-abc")
                        .addToLabels(ValkeyIoStandin.CLUSTER_LABEL, NAME)
                        .endMetadata()
                        .withNewStatus()
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus(ready ? "True" : "False")
                        .endCondition()
                        .endStatus()
                        .build())
                .createOr(existing -> existing.updateStatus());
    }

    @Test
    void withoutTheUsersSecretNotReadyWithTheOperatorsReason() {
        standin.reconcile(NS, NAME);

        assertThat(readiness.isReady(cluster())).isFalse();
        assertThat(status().get("state")).isEqualTo("Failed");
        assertThat(status().get("reason")).isEqualTo("UsersACLError");
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems())
                .isEmpty();
    }

    @Test
    void oneNodeWithThePasswordFromTheUsersSecretBehindTheHeadlessService() {
        usersSecret();

        standin.reconcile(NS, NAME);

        Service service = client.services()
                .inNamespace(NS)
                .withName(ValkeyIoValkey.SERVICE)
                .get();
        assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(service.getSpec().getPorts())
                .singleElement()
                .satisfies(p -> assertThat(p.getPort()).isEqualTo(ValkeyIoValkey.PORT));
        Deployment node = client.apps()
                .deployments()
                .inNamespace(NS)
                .withName("valkey-" + NAME + "-0-0")
                .get();
        assertThat(node.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector())
                .containsEntry("app.kubernetes.io/instance", NAME);
        EnvVar password = node.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv()
                .get(0);
        assertThat(password.getName()).isEqualTo("VALKEY_PASSWORD");
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo(ValkeyIoValkey.USERS_SECRET);
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(ValkeyIoValkey.USER);
        assertThat(node.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(o ->
                        assertThat(o.getUid()).isEqualTo(cluster().getMetadata().getUid()));
        assertThat(service.getMetadata().getOwnerReferences()).hasSize(1);
        assertThat(readiness.isReady(cluster())).as("no ready pod yet").isFalse();
        assertThat(status().get("state")).isEqualTo("Reconciling");
    }

    @Test
    void readyByThePluginsCheckWithTheGenerationStamped() {
        usersSecret();
        standin.reconcile(NS, NAME);
        nodePod(true);

        standin.reconcile(NS, NAME);

        assertThat(readiness.isReady(cluster())).isTrue();
        assertThat(status().get("state")).isEqualTo("Ready");
        assertThat(status().get("reason")).isEqualTo("ClusterHealthy");
        assertThat(status().get("readyShards")).isEqualTo(1);
        assertThat((List<?>) status().get("conditions"))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(((Map<?, ?>) c).get("observedGeneration"))
                        .isEqualTo(cluster().getMetadata().getGeneration().intValue()));
    }
}
