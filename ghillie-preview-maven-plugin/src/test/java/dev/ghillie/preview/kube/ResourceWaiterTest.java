package dev.ghillie.preview.kube;

import static dev.ghillie.preview.kube.TestController.NAMESPACE;
import static dev.ghillie.preview.kube.TestController.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ghillie.preview.ProgressLines;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ResourceWaiterTest {

    static final WaitPolicy GENEROUS = new WaitPolicy(Duration.ofSeconds(20), Duration.ofMillis(50));
    static final WaitPolicy SHORT = new WaitPolicy(Duration.ofSeconds(1), Duration.ofMillis(50));
    /** Stand-ins shaped like the operators' resources; what makes those ready is the platform package's (its tests). */
    static final ResourceDefinitionContext CLUSTER_TYPE = namespaced("postgresql.cnpg.io", "Cluster", "clusters");

    static final ResourceDefinitionContext VALKEY_TYPE = namespaced("hyperspike.io", "Valkey", "valkeys");
    static final CustomResourceRef PG = new CustomResourceRef(CLUSTER_TYPE, NAMESPACE, "pg-ghillie");
    static final CustomResourceRef VALKEY = new CustomResourceRef(VALKEY_TYPE, NAMESPACE, "valkey-ghillie");
    static final ReadinessCheck READY_CONDITION = ReadinessCheck.conditionTrue("Ready");
    static final ReadinessCheck STATUS_READY = new ReadinessCheck(
            "status.ready=true",
            r -> Boolean.TRUE.equals(ReadinessCheck.status(r).get("ready")));

    KubernetesClient client;
    TestController controller;
    final List<String> progress = new CopyOnWriteArrayList<>();
    ResourceWaiter waiter;

    @BeforeEach
    void setUp() {
        controller = new TestController(client);
        controller.installCrd(CLUSTER_TYPE);
        controller.installCrd(VALKEY_TYPE);
        waiter = new ResourceWaiter(client, ProgressLines.to(progress::add));
    }

    @AfterEach
    void tearDown() {
        controller.close();
    }

    @Test
    void aCnpgClusterIsReadyOnceItsReadyConditionIsTrue() {
        controller.apply(PG, Map.of("instances", 1));
        controller.setCustomStatus(
                PG,
                Map.of(
                        "phase",
                        "Setting up primary",
                        "conditions",
                        List.of(condition("Ready", "False", "ClusterIsNotReady", "Cluster Is Not Ready"))));
        controller.setCustomStatusLater(
                PG,
                Map.of(
                        "phase",
                        "Cluster in healthy state",
                        "readyInstances",
                        1,
                        "conditions",
                        List.of(condition("Ready", "True", "ClusterIsReady", "Cluster is Ready"))),
                Duration.ofMillis(300));

        GenericKubernetesResource ready = waiter.await(PG, READY_CONDITION, GENEROUS);

        assertThat(ReadinessCheck.status(ready).get("readyInstances")).isEqualTo(1);
        assertThat(progress).containsExactly("cluster/pg-ghillie is ready");
    }

    @Test
    void aValkeyIsReadyOnceStatusReadyIsTrue() {
        controller.apply(VALKEY, Map.of("nodes", 1, "replicas", 0, "volumePermissions", true));
        controller.setCustomStatus(VALKEY, Map.of("ready", false));
        controller.setCustomStatusLater(VALKEY, Map.of("ready", true), Duration.ofMillis(300));

        waiter.await(VALKEY, STATUS_READY, GENEROUS);

        assertThat(progress).containsExactly("valkey/valkey-ghillie is ready");
    }

    @Test
    void aValkeyThatIsNotReadyIsNotMistakenForReady() {
        controller.apply(VALKEY, Map.of("nodes", 1));
        controller.setCustomStatus(VALKEY, Map.of("ready", false));

        ResourceNotReadyException e =
                catchThrowableOfType(ResourceNotReadyException.class, () -> waiter.await(VALKEY, STATUS_READY, SHORT));

        assertThat(e.summary())
                .isEqualTo("valkey/valkey-ghillie (hyperspike.io/v1) in namespace ghillie not ready "
                        + "after 1.0s: waiting for status.ready=true.");
        assertThat(e.details()).contains("  status.ready: false");
        assertThat(progress).isEmpty();
    }

    @Test
    void aClusterThatNeverGetsReadyTimesOutWithItsConditionsAndEvents() {
        GenericKubernetesResource pg = controller.apply(PG, Map.of("instances", 1));
        controller.setCustomStatus(
                PG,
                Map.of(
                        "phase",
                        "Setting up primary",
                        "conditions",
                        List.of(condition("Ready", "False", "ClusterIsNotReady", "Cluster Is Not Ready"))));
        controller.event(pg, "Warning", "CreatingPVC", "no persistent volumes available for this claim", 2);
        controller.event(pg, "Normal", "CreatingInstance", "Primary instance (initdb)", 1);

        ResourceNotReadyException e =
                catchThrowableOfType(ResourceNotReadyException.class, () -> waiter.await(PG, READY_CONDITION, SHORT));

        assertThat(e.summary())
                .isEqualTo("cluster/pg-ghillie (postgresql.cnpg.io/v1) in namespace ghillie not ready "
                        + "after 1.0s: waiting for condition Ready=True.");
        assertThat(e.getMessage())
                .contains("  status.phase: Setting up primary")
                .contains("    Ready=False (ClusterIsNotReady): Cluster Is Not Ready")
                .contains("Warning CreatingPVC: no persistent volumes available for this claim (x2)")
                .contains("Normal CreatingInstance: Primary instance (initdb)");
    }

    @Test
    void aResourceWithoutStatusPointsAtTheOperator() {
        controller.apply(PG, Map.of("instances", 1));

        ResourceNotReadyException e =
                catchThrowableOfType(ResourceNotReadyException.class, () -> waiter.await(PG, READY_CONDITION, SHORT));

        assertThat(e.details()).containsExactly("  no status yet: is the operator running? (check its pods and logs)");
    }

    @Test
    void aResourceThatWasNeverAppliedSaysSo() {
        ResourceNotReadyException e =
                catchThrowableOfType(ResourceNotReadyException.class, () -> waiter.await(PG, READY_CONDITION, SHORT));

        assertThat(e.getMessage())
                .isEqualTo("cluster/pg-ghillie (postgresql.cnpg.io/v1) in namespace ghillie does not "
                        + "exist after 1.0s: check that it was applied and that its operator's CRDs are installed.");
    }

    @Test
    void theOperatorsDeploymentIsAwaitedByLabelInItsOwnNamespace() {
        // The operator chart's Deployment lives in cnpg-system, labelled by chart name rather than release.
        client.apps()
                .deployments()
                .inNamespace("cnpg-system")
                .resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                        .withNewMetadata()
                        .withName("cnpg-cloudnative-pg")
                        .addToLabels("app.kubernetes.io/name", "cloudnative-pg")
                        .withGeneration(1L)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .withNewSelector()
                        .addToMatchLabels("app.kubernetes.io/name", "cloudnative-pg")
                        .endSelector()
                        .endSpec()
                        .withNewStatus()
                        .withObservedGeneration(1L)
                        .withReplicas(1)
                        .withUpdatedReplicas(1)
                        .withAvailableReplicas(1)
                        .endStatus()
                        .build())
                .create();

        RolloutResult result = new RolloutWaiter(client, ProgressLines.to(progress::add))
                .await(new LabelSelection("cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg")), GENEROUS);

        assertThat(result.resources()).containsExactly("deployment/cnpg-cloudnative-pg");
        assertThat(progress).containsExactly("deployment/cnpg-cloudnative-pg is ready [1/1]");
    }

    private static ResourceDefinitionContext namespaced(String group, String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion("v1")
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
    }
}
