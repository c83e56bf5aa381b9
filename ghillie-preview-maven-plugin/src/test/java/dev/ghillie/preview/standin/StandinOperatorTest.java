package dev.ghillie.preview.standin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.platform.CloudNativePgPostgres;
import dev.ghillie.preview.platform.OperatorTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The informers and the queue: events on the resource and on its pods reach the reconciler, without a call from the test. */
@EnableKubernetesMockClient(crud = true)
class StandinOperatorTest {

    private static final String NS = "ghillie";
    private static final String NAME = CloudNativePgPostgres.CLUSTER_NAME;

    KubernetesClient client;

    @Test
    void aClusterAndThenItsPodsReadinessAreReconciledFromEvents() throws Exception {
        try (StandinOperator operator = new StandinOperator(new CnpgStandin(client, "ghillie-standin-postgres:15"))) {
            operator.start(client);
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

            awaitTrue(() -> client.pods().inNamespace(NS).withName(NAME + "-1").get() != null);
            Pod pod = client.pods().inNamespace(NS).withName(NAME + "-1").get();
            client.pods()
                    .inNamespace(NS)
                    .resource(new PodBuilder(pod)
                            .withNewStatus()
                            .addNewCondition()
                            .withType("Ready")
                            .withStatus("True")
                            .endCondition()
                            .endStatus()
                            .build())
                    .updateStatus();

            awaitTrue(() -> OperatorTarget.postgres()
                    .readiness()
                    .isReady(client.genericKubernetesResources(CnpgStandin.TYPE)
                            .inNamespace(NS)
                            .withName(NAME)
                            .get()));
        }
    }

    /** Polls, since the informers deliver on their own threads; the bound only stops a broken test from hanging. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as("condition not met within the bound")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
