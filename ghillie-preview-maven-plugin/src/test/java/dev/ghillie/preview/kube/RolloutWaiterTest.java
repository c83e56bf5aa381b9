package dev.ghillie.preview.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ghillie.preview.ProgressLines;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class RolloutWaiterTest {

    static final String NS = TestController.NAMESPACE;
    /** Long enough that only fail-fast can end these waits early; short enough not to hang a broken build. */
    static final WaitPolicy GENEROUS = new WaitPolicy(Duration.ofSeconds(20), Duration.ofMillis(50));

    static final WaitPolicy SHORT = new WaitPolicy(Duration.ofSeconds(1), Duration.ofMillis(50));

    KubernetesMockServer server;
    KubernetesClient client;
    TestController controller;
    final List<String> progress = new CopyOnWriteArrayList<>();
    RolloutWaiter waiter;

    @BeforeEach
    void setUp() {
        controller = new TestController(client);
        waiter = new RolloutWaiter(client, ProgressLines.to(progress::add));
    }

    @AfterEach
    void tearDown() {
        controller.close();
    }

    @Test
    void waitsForEveryDeploymentOfTheReleaseAndPrintsOneLineEach() {
        controller.deployment("ghillie", "ghillie");
        controller.deployment("ghillie", "ghillie-worker");
        controller.deployment("other", "other");
        controller.rollOutLater("ghillie", Duration.ofMillis(200));
        controller.rollOutLater("ghillie-worker", Duration.ofMillis(400));

        RolloutResult result = waiter.await(LabelSelection.helmRelease(NS, "ghillie"), GENEROUS);

        assertThat(result.resources()).containsExactly("deployment/ghillie", "deployment/ghillie-worker");
        assertThat(progress)
                .containsExactly("deployment/ghillie is ready [1/2]", "deployment/ghillie-worker is ready [2/2]");
    }

    @Test
    void aDeploymentWhoseNewSpecIsNotObservedYetIsNotReady() {
        controller.deployment("ghillie", "ghillie");
        controller.rollOut("ghillie");
        // A new spec (generation 2) that the controller has not looked at yet.
        controller.editDeployment(
                "ghillie",
                d -> new DeploymentBuilder(d)
                        .editSpec()
                        .editTemplate()
                        .editSpec()
                        .editFirstContainer()
                        .withImage("ghillie:v2")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build());

        RolloutFailedException e = catchThrowableOfType(
                RolloutFailedException.class, () -> waiter.await(LabelSelection.helmRelease(NS, "ghillie"), SHORT));

        assertThat(e.failure()).isEqualTo(RolloutFailedException.Cause.DEADLINE_EXCEEDED);
        assertThat(e.getMessage()).contains("deployment/ghillie: the controller has not picked up the latest spec yet");
    }

    @Test
    void imagePullBackOffFailsFastAndSaysWhichImageAndHowToFix() {
        Deployment d = controller.deployment("ghillie", "ghillie");
        controller.observedNotAvailable("ghillie");
        Pod pod = controller.pod(
                d,
                "ghillie-7d9f-abcde",
                TestController.waiting("ghillie", "ImagePullBackOff", "Back-off pulling image \"ghillie:dev\"", 0));
        controller.event(pod, "Warning", "Failed", "Failed to pull image \"ghillie:dev\": not found", 3);
        controller.event(pod, "Normal", "Scheduled", "Successfully assigned ghillie/ghillie-7d9f-abcde", 1);

        RolloutFailedException e = catchThrowableOfType(
                RolloutFailedException.class, () -> waiter.await(LabelSelection.helmRelease(NS, "ghillie"), GENEROUS));

        assertThat(e.failure()).isEqualTo(RolloutFailedException.Cause.CONTAINER_FAILED);
        assertThat(e.summary())
                .isEqualTo(
                        "deployment/ghillie in namespace ghillie cannot become ready: pod "
                                + "ghillie-7d9f-abcde, container ghillie is in ImagePullBackOff (Back-off pulling image \"ghillie:dev\").");
        assertThat(e.getMessage())
                .contains("hint: the node cannot get image ghillie:dev: import it into the cluster (k3d image import)")
                .contains("Warning Failed: Failed to pull image \"ghillie:dev\": not found (x3)")
                .doesNotContain("Successfully assigned")
                .doesNotContain("log lines");
        assertThat(progress).isEmpty();
    }

    @Test
    void aMissingSecretFailsFast() {
        Deployment d = controller.deployment("ghillie", "ghillie");
        controller.observedNotAvailable("ghillie");
        controller.pod(
                d,
                "ghillie-cfg",
                TestController.waiting("ghillie", "CreateContainerConfigError", "secret \"ghillie\" not found", 0));

        RolloutFailedException e = catchThrowableOfType(
                RolloutFailedException.class, () -> waiter.await(LabelSelection.helmRelease(NS, "ghillie"), GENEROUS));

        assertThat(e.failure()).isEqualTo(RolloutFailedException.Cause.CONTAINER_FAILED);
        assertThat(e.summary()).contains("CreateContainerConfigError (secret \"ghillie\" not found)");
    }

    @Test
    void aSecretCacheNotSyncedYetIsWaitedOut() {
        Deployment d = controller.deployment("ghillie", "ghillie");
        controller.observedNotAvailable("ghillie");
        controller.pod(
                d,
                "ghillie-cfg",
                TestController.waiting(
                        "ghillie",
                        "CreateContainerConfigError",
                        "failed to sync secret cache: timed out waiting for the condition",
                        0));

        RolloutFailedException e = catchThrowableOfType(
                RolloutFailedException.class, () -> waiter.await(LabelSelection.helmRelease(NS, "ghillie"), SHORT));

        // Not failed fast: the kubelet retries once its Secret watch is up, so only the deadline ends the wait.
        assertThat(e.failure()).isEqualTo(RolloutFailedException.Cause.DEADLINE_EXCEEDED);
    }

    @Test
    void crashLoopBackOffShowsTheLastLogLinesOfThePreviousInstance() {
        Deployment d = controller.deployment("ghillie", "ghillie");
        controller.observedNotAvailable("ghillie");
        controller.pod(
                d,
                "ghillie-crash",
                TestController.waiting(
                        "ghillie", "CrashLoopBackOff", "back-off 40s restarting failed container=ghillie", 4));
        server.expect()
                .get()
                .withPath(
                        "/api/v1/namespaces/ghillie/pods/ghillie-crash/log?pretty=false&container=ghillie&previous=true&tailLines=20")
                .andReturn(
                        200,
                        "Starting ghillie\nException in thread \"main\" java.lang.IllegalStateException: DATABASE_URL is not set\n")
                .always();

        RolloutFailedException e = catchThrowableOfType(
                RolloutFailedException.class, () -> waiter.await(LabelSelection.helmRelease(NS, "ghillie"), GENEROUS));

        assertThat(e.failure()).isEqualTo(RolloutFailedException.Cause.CONTAINER_FAILED);
        assertThat(e.summary())
                .isEqualTo("deployment/ghillie in namespace ghillie cannot become ready: pod ghillie-crash, "
                        + "container ghillie is in CrashLoopBackOff.");
        assertThat(e.getMessage())
                .contains(
                        "container ghillie: waiting, CrashLoopBackOff (back-off 40s restarting failed container=ghillie), "
                                + "restarted 4 times, last exit: exit code 1 (Error)")
                .contains("last 20 log lines of container ghillie (previous instance):")
                .contains("| Exception in thread \"main\" java.lang.IllegalStateException: DATABASE_URL is not set");
    }

    @Test
    void theNumberOfLogLinesIsConfigurable() {
        Deployment d = controller.deployment("ghillie", "ghillie");
        controller.observedNotAvailable("ghillie");
        controller.pod(d, "ghillie-crash", TestController.waiting("ghillie", "CrashLoopBackOff", "", 2));
        server.expect()
                .get()
                .withPath(
                        "/api/v1/namespaces/ghillie/pods/ghillie-crash/log?pretty=false&container=ghillie&previous=true&tailLines=2")
                .andReturn(200, "one\ntwo\n")
                .always();

        RolloutFailedException e = catchThrowableOfType(
                RolloutFailedException.class,
                () -> new RolloutWaiter(client, ProgressLines.to(progress::add), 2)
                        .await(LabelSelection.helmRelease(NS, "ghillie"), GENEROUS));

        assertThat(e.getMessage())
                .contains("last 2 log lines of container ghillie (previous instance):", "| one", "| two");
    }

    @Test
    void aReadinessProbeThatNeverPassesReachesTheDeadlineAndNamesTheProbe() {
        Deployment d = controller.deployment("ghillie", "ghillie");
        controller.observedNotAvailable("ghillie");
        Pod pod = controller.pod(d, "ghillie-slow", TestController.running("ghillie", false));
        controller.event(
                pod, "Warning", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", 12);
        server.expect()
                .get()
                .withPath(
                        "/api/v1/namespaces/ghillie/pods/ghillie-slow/log?pretty=false&container=ghillie&tailLines=20")
                .andReturn(200, "GET /ready 503 database not reachable\n")
                .always();

        RolloutFailedException e = catchThrowableOfType(
                RolloutFailedException.class, () -> waiter.await(LabelSelection.helmRelease(NS, "ghillie"), SHORT));

        assertThat(e.failure()).isEqualTo(RolloutFailedException.Cause.DEADLINE_EXCEEDED);
        assertThat(e.summary())
                .isEqualTo("Rollout of app.kubernetes.io/instance=ghillie in namespace ghillie not "
                        + "finished after 1.0s: deployment/ghillie not ready.");
        assertThat(e.getMessage())
                .contains("deployment/ghillie: 0 of 1 updated replicas available")
                .contains(
                        "container ghillie: running but not ready: its readiness probe (HTTP GET /ready on port 8080) does not pass")
                .contains("Warning Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503 (x12)")
                .contains("last 20 log lines of container ghillie:")
                .contains("| GET /ready 503 database not reachable");
    }

    @Test
    void noDeploymentAtAllReachesTheDeadlineWithAClearMessage() {
        RolloutFailedException e = catchThrowableOfType(
                RolloutFailedException.class, () -> waiter.await(LabelSelection.helmRelease(NS, "ghillie"), SHORT));

        assertThat(e.getMessage())
                .isEqualTo("No Deployment labelled app.kubernetes.io/instance=ghillie in namespace "
                        + "ghillie appeared after 1.0s: check that the chart was installed into that namespace.");
    }

    @Test
    void aStalledDeploymentFailsWithItsProgressDeadline() {
        controller.deployment("ghillie", "ghillie");
        controller.observedNotAvailable("ghillie");
        client.apps()
                .deployments()
                .inNamespace(NS)
                .withName("ghillie")
                .editStatus(d -> new DeploymentBuilder(d)
                        .editStatus()
                        .addNewCondition()
                        .withType("Progressing")
                        .withStatus("False")
                        .withReason("ProgressDeadlineExceeded")
                        .withMessage("ReplicaSet \"ghillie-1\" has timed out progressing.")
                        .endCondition()
                        .endStatus()
                        .build());

        RolloutFailedException e = catchThrowableOfType(
                RolloutFailedException.class, () -> waiter.await(LabelSelection.helmRelease(NS, "ghillie"), GENEROUS));

        assertThat(e.failure()).isEqualTo(RolloutFailedException.Cause.PROGRESS_DEADLINE_EXCEEDED);
        assertThat(e.summary())
                .contains("deployment/ghillie", "exceeded its progress deadline", "has timed out progressing");
    }

    @Test
    void crashingPodsOfAnEarlierRevisionDoNotFailTheRolloutThatReplacesThem() {
        Deployment d = controller.deployment("ghillie", "ghillie");
        controller.editDeployment(
                "ghillie",
                x -> new DeploymentBuilder(x)
                        .editMetadata()
                        .addToAnnotations("deployment.kubernetes.io/revision", "2")
                        .endMetadata()
                        .build());
        ReplicaSet old = replicaSet(d, "ghillie-1", "1");
        ReplicaSet current = replicaSet(d, "ghillie-2", "2");
        ownedPod(
                controller.pod(d, "ghillie-1-crash", TestController.waiting("ghillie", "CrashLoopBackOff", "", 3)),
                old);
        controller.observedNotAvailable("ghillie");
        controller.rollOutLater("ghillie", Duration.ofMillis(300));

        RolloutResult result = waiter.await(LabelSelection.helmRelease(NS, "ghillie"), GENEROUS);

        assertThat(result.resources()).containsExactly("deployment/ghillie");
        assertThat(current.getMetadata().getUid()).isNotNull();
    }

    private ReplicaSet replicaSet(Deployment d, String name, String revision) {
        return client.apps()
                .replicaSets()
                .inNamespace(NS)
                .resource(new ReplicaSetBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(d.getSpec().getSelector().getMatchLabels())
                        .addToAnnotations("deployment.kubernetes.io/revision", revision)
                        .withOwnerReferences(new OwnerReferenceBuilder()
                                .withKind("Deployment")
                                .withName(d.getMetadata().getName())
                                .withUid(d.getMetadata().getUid())
                                .withApiVersion("apps/v1")
                                .build())
                        .endMetadata()
                        .withNewSpec()
                        .withSelector(d.getSpec().getSelector())
                        .withTemplate(d.getSpec().getTemplate())
                        .endSpec()
                        .build())
                .create();
    }

    private void ownedPod(Pod pod, ReplicaSet owner) {
        client.pods()
                .inNamespace(NS)
                .withName(pod.getMetadata().getName())
                .edit(p -> new PodBuilder(p)
                        .editMetadata()
                        .withOwnerReferences(new OwnerReferenceBuilder()
                                .withKind("ReplicaSet")
                                .withName(owner.getMetadata().getName())
                                .withUid(owner.getMetadata().getUid())
                                .withApiVersion("apps/v1")
                                .build())
                        .endMetadata()
                        .build());
    }
}
