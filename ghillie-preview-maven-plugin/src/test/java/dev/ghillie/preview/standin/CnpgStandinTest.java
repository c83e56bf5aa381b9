package dev.ghillie.preview.standin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.kube.ReadinessCheck;
import dev.ghillie.preview.platform.CloudNativePgPostgres;
import dev.ghillie.preview.platform.OperatorTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in CloudNativePG against the Cluster the plugin writes, judged by the plugin's own readiness check. */
@EnableKubernetesMockClient(crud = true)
class CnpgStandinTest {

    private static final String NS = "ghillie";
    private static final String NAME = CloudNativePgPostgres.CLUSTER_NAME;

    KubernetesClient client;
    private CnpgStandin standin;
    private final ReadinessCheck readiness = OperatorTarget.postgres().readiness();

    @BeforeEach
    void clusterAsThePluginWritesIt() {
        standin = new CnpgStandin(client, "ghillie-standin-postgres:15");
        client.genericKubernetesResources(CnpgStandin.TYPE)
                .inNamespace(NS)
                .resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion(CloudNativePgPostgres.API_VERSION)
                        .withKind("Cluster")
                        .withNewMetadata()
                        .withName(NAME)
                        .withNamespace(NS)
                        .endMetadata()
                        .withAdditionalProperties(Map.of("spec", CloudNativePgPostgres.clusterSpec()))
                        .build())
                .create();
    }

    private GenericKubernetesResource cluster() {
        return client.genericKubernetesResources(CnpgStandin.TYPE)
                .inNamespace(NS)
                .withName(NAME)
                .get();
    }

    private Map<?, ?> status() {
        return (Map<?, ?>) cluster().get("status");
    }

    private Map<String, String> appSecret() {
        Secret secret = client.secrets().inNamespace(NS).withName(NAME + "-app").get();
        Map<String, String> decoded = new TreeMap<>();
        secret.getData()
                .forEach((k, v) -> decoded.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        return decoded;
    }

    private void podReady(boolean ready) {
        Pod pod = client.pods().inNamespace(NS).withName(NAME + "-1").get();
        client.pods()
                .inNamespace(NS)
                .resource(new PodBuilder(pod)
                        .withNewStatus()
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus(ready ? "True" : "False")
                        .endCondition()
                        .endStatus()
                        .build())
                .updateStatus();
    }

    @Test
    void makesTheAppSecretServiceAndPodOwnedByTheCluster() {
        standin.reconcile(NS, NAME);

        Map<String, String> secret = appSecret();
        assertThat(secret)
                .containsKeys(
                        "username",
                        "user",
                        "password",
                        "dbname",
                        "host",
                        "port",
                        "pgpass",
                        "uri",
                        "jdbc-uri",
                        "fqdn-uri",
                        "fqdn-jdbc-uri");
        String password = secret.get("password");
        assertThat(password).hasSize(32).matches("[A-Za-z0-9]+");
        assertThat(secret)
                .containsEntry("uri", "postgresql://ghillie:" + password + "@pg-ghillie-rw.ghillie:5432/ghillie")
                .containsEntry("host", "pg-ghillie-rw")
                .containsEntry("port", "5432")
                .containsEntry("dbname", "ghillie")
                .containsEntry("username", "ghillie");
        assertThat(client.secrets()
                        .inNamespace(NS)
                        .withName(NAME + "-app")
                        .get()
                        .getType())
                .isEqualTo("kubernetes.io/basic-auth");

        Service service = client.services()
                .inNamespace(NS)
                .withName(CloudNativePgPostgres.SERVICE)
                .get();
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(CloudNativePgPostgres.PORT);
            assertThat(p.getTargetPort().getIntVal()).isEqualTo(5432);
        });
        Pod pod = client.pods().inNamespace(NS).withName(NAME + "-1").get();
        assertThat(service.getSpec().getSelector())
                .allSatisfy((k, v) -> assertThat(pod.getMetadata().getLabels()).containsEntry(k, v));
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getVolumes())
                .singleElement()
                .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
        assertThat(pod.getSpec().getContainers().get(0).getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("APP_PASSWORD");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(NAME + "-app");
        });
        for (var owned : java.util.List.of(
                pod.getMetadata(),
                service.getMetadata(),
                client.secrets().inNamespace(NS).withName(NAME + "-app").get().getMetadata())) {
            assertThat(owned.getOwnerReferences()).singleElement().satisfies(o -> {
                assertThat(o.getUid()).isEqualTo(cluster().getMetadata().getUid());
                assertThat(o.getKind()).isEqualTo("Cluster");
                assertThat(o.getController()).isTrue();
            });
        }
    }

    @Test
    void readyByThePluginsCheckOnlyWhileThePodIsReady() {
        standin.reconcile(NS, NAME);
        assertThat(readiness.isReady(cluster())).as("pod not ready yet").isFalse();
        assertThat(status().get("phase")).isEqualTo(CnpgStandin.WAITING);

        podReady(true);
        standin.reconcile(NS, NAME);
        assertThat(readiness.isReady(cluster())).isTrue();
        assertThat(status().get("phase")).isEqualTo("Cluster in healthy state");
        assertThat(status().get("readyInstances")).isEqualTo(1);

        podReady(false);
        standin.reconcile(NS, NAME);
        assertThat(readiness.isReady(cluster())).as("the pod stopped answering").isFalse();
    }

    @Test
    void aSecondReconcileKeepsThePasswordAndTheStatusUntouched() {
        standin.reconcile(NS, NAME);
        podReady(true);
        standin.reconcile(NS, NAME);
        String password = appSecret().get("password");
        String version = cluster().getMetadata().getResourceVersion();

        standin.reconcile(NS, NAME);

        assertThat(appSecret().get("password")).isEqualTo(password);
        assertThat(cluster().getMetadata().getResourceVersion())
                .as("no status write when nothing changed")
                .isEqualTo(version);
    }

    @Test
    void aDeletedClusterNeedsNothing() {
        client.genericKubernetesResources(CnpgStandin.TYPE)
                .inNamespace(NS)
                .withName(NAME)
                .delete();

        standin.reconcile(NS, NAME);

        assertThat(client.pods().inNamespace(NS).list().getItems()).isEmpty();
    }
}
