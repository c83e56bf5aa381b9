package dev.ghillie.preview.standin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.platform.OperatorTarget;
import dev.ghillie.preview.settings.ValkeyOperator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in hyperspike operator against the Valkey the plugin writes, judged by the plugin's own readiness check. */
@EnableKubernetesMockClient(crud = true)
class HyperspikeStandinTest {

    private static final String NS = "ghillie";
    private static final OperatorTarget TARGET = OperatorTarget.valkey(ValkeyOperator.HYPERSPIKE);

    KubernetesClient client;
    private HyperspikeStandin standin;

    @BeforeEach
    void valkeyAsThePluginWritesIt() {
        standin = new HyperspikeStandin(client, "ghillie-standin-valkey:7");
        client.genericKubernetesResources(HyperspikeStandin.TYPE)
                .inNamespace(NS)
                .resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("hyperspike.io/v1")
                        .withKind("Valkey")
                        .withNewMetadata()
                        .withName(TARGET.instance())
                        .withNamespace(NS)
                        .endMetadata()
                        .withAdditionalProperties(
                                Map.of("spec", Map.of("nodes", 1, "replicas", 0, "volumePermissions", true)))
                        .build())
                .create();
    }

    private GenericKubernetesResource valkey() {
        return client.genericKubernetesResources(HyperspikeStandin.TYPE)
                .inNamespace(NS)
                .withName(TARGET.instance())
                .get();
    }

    @Test
    void passwordSecretAndServiceUnderTheValkeysName() {
        standin.reconcile(NS, TARGET.instance());

        Secret secret =
                client.secrets().inNamespace(NS).withName(TARGET.instance()).get();
        assertThat(secret.getData()).containsKey("password");
        Service service =
                client.services().inNamespace(NS).withName(TARGET.instance()).get();
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(6379);
            assertThat(p.getName()).isEqualTo("tcp-valkey");
        });
        assertThat(client.services()
                        .inNamespace(NS)
                        .withName(TARGET.instance() + "-headless")
                        .get())
                .isNotNull();
        assertThat(secret.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(o ->
                        assertThat(o.getUid()).isEqualTo(valkey().getMetadata().getUid()));
        assertThat(TARGET.readiness().isReady(valkey())).isFalse();
    }

    @Test
    void readyByThePluginsCheckOnceThePodIsReady() {
        standin.reconcile(NS, TARGET.instance());
        String password = client.secrets()
                .inNamespace(NS)
                .withName(TARGET.instance())
                .get()
                .getData()
                .get("password");
        client.pods()
                .inNamespace(NS)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(TARGET.instance() + "-abc")
                        .addToLabels(HyperspikeStandin.INSTANCE_LABEL, TARGET.instance())
                        .endMetadata()
                        .withNewStatus()
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus("True")
                        .endCondition()
                        .endStatus()
                        .build())
                .create();

        standin.reconcile(NS, TARGET.instance());

        assertThat(TARGET.readiness().isReady(valkey())).isTrue();
        assertThat(client.secrets()
                        .inNamespace(NS)
                        .withName(TARGET.instance())
                        .get()
                        .getData()
                        .get("password"))
                .isEqualTo(password);
    }
}
