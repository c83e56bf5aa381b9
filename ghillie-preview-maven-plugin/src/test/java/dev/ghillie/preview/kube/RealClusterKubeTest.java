package dev.ghillie.preview.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ghillie.preview.ProgressLines;
import dev.ghillie.preview.ProgressSink;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kube package against a real API server and kubelet (the CI cluster of {@code ../shared/k8s}, or any
 * cluster), skipped unless {@code GHILLIE_KUBE_IT_KUBECONFIG} names its kubeconfig and
 * {@code GHILLIE_KUBE_IT_IMAGE} an image already on the node that has busybox's {@code sh}, {@code httpd} and
 * {@code sleep} and a file {@code /www/ready}. Uses (and deletes) a namespace {@code ghillie-kube-it-<random>}.
 */
class RealClusterKubeTest {

    /** Unique per run: a namespace deleted by the previous run may still be terminating. */
    static final String NS = "ghillie-kube-it-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    static final String KUBECONFIG = System.getenv("GHILLIE_KUBE_IT_KUBECONFIG");
    static final String IMAGE = System.getenv("GHILLIE_KUBE_IT_IMAGE");
    static final WaitPolicy ROLLOUT = new WaitPolicy(Duration.ofSeconds(120), Duration.ofSeconds(1));

    static KubernetesClient client;

    @BeforeAll
    static void connect() {
        assumeTrue(
                KUBECONFIG != null && IMAGE != null,
                "GHILLIE_KUBE_IT_KUBECONFIG and GHILLIE_KUBE_IT_IMAGE not set: no real cluster to test against");
        client = new KubeClientFactory().open(Path.of(KUBECONFIG));
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NS)
                        .endMetadata()
                        .build())
                .serverSideApply();
    }

    @AfterAll
    static void cleanUp() {
        if (client != null) {
            client.namespaces().withName(NS).delete();
            client.close();
        }
    }

    @Test
    void aHealthyReleaseRollsOutAndIsReachableLoggedAndListed() throws Exception {
        deploy(
                "healthy",
                container("sh", "-c", "echo serving; exec httpd -f -v -p 8080 -h /www")
                        .withReadinessProbe(TestController.readyProbe())
                        .build());
        client.services()
                .inNamespace(NS)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("healthy")
                        .endMetadata()
                        .withNewSpec()
                        .withSelector(labels("healthy"))
                        .addNewPort()
                        .withName("http")
                        .withPort(80)
                        .withTargetPort(new IntOrString(8080))
                        .endPort()
                        .endSpec()
                        .build())
                .create();
        List<String> progress = new CopyOnWriteArrayList<>();

        new RolloutWaiter(client, ProgressLines.to(progress::add))
                .await(LabelSelection.helmRelease(NS, "healthy"), ROLLOUT);

        assertThat(progress).containsExactly("deployment/healthy is ready [1/1]");
        try (PortForwardSession session = new PortForwarder(client).forwardService(NS, "healthy", 80, 0)) {
            assertThat(get(session.url().resolve("/ready"))).isEqualTo(200);
        }
        List<String> lines = new ArrayList<>();
        new PodLogStreamer(client).print(LogQuery.all(LabelSelection.helmRelease(NS, "healthy")), lines::add);
        assertThat(lines).anyMatch(l -> l.matches("\\[healthy-[a-z0-9-]+/app\\] serving"));
        assertThat(new PodStatusReader(client).diagnosed(LabelSelection.helmRelease(NS, "healthy")))
                .singleElement()
                .satisfies(p -> assertThat(p.summary().healthy()).isTrue());
    }

    @Test
    void followingLogsPicksUpThePodOfANewRollout() throws Exception {
        deploy(
                "rolling",
                container("sh", "-c", "echo started $HOSTNAME; exec sleep 3600").build());
        LabelSelection release = LabelSelection.helmRelease(NS, "rolling");
        new RolloutWaiter(client, ProgressSink.silent()).await(release, ROLLOUT);
        String first = client.pods()
                .inNamespace(NS)
                .withLabels(labels("rolling"))
                .list()
                .getItems()
                .getFirst()
                .getMetadata()
                .getName();
        List<String> lines = new CopyOnWriteArrayList<>();

        try (LogFollow follow =
                new PodLogStreamer(client).follow(LogQuery.all(release), lines::add, Duration.ofMillis(500))) {
            awaitLine(lines, "[" + first + "/app] started " + first);
            client.apps()
                    .deployments()
                    .inNamespace(NS)
                    .withName("rolling")
                    .rolling()
                    .restart();
            new RolloutWaiter(client, ProgressSink.silent()).await(release, ROLLOUT);
            String second = client.pods().inNamespace(NS).withLabels(labels("rolling")).list().getItems().stream()
                    .map(p -> p.getMetadata().getName())
                    .filter(n -> !n.equals(first))
                    .findFirst()
                    .orElseThrow();
            awaitLine(lines, "[" + second + "/app] started " + second);
        }
    }

    private static void awaitLine(List<String> lines, String expected) throws InterruptedException {
        for (int i = 0; i < 600 && !lines.contains(expected); i++) {
            Thread.sleep(100);
        }
        assertThat(lines).contains(expected);
    }

    @Test
    void aCrashingContainerIsDiagnosedWithItsLastLogLines() {
        deploy(
                "crashing",
                container("sh", "-c", "echo DATABASE_URL is not set; exit 3").build());

        RolloutFailedException e = catchThrowableOfType(
                RolloutFailedException.class,
                () -> new RolloutWaiter(client, ProgressSink.silent())
                        .await(LabelSelection.helmRelease(NS, "crashing"), ROLLOUT));

        System.out.println(e.getMessage());
        assertThat(e.failure()).isEqualTo(RolloutFailedException.Cause.CONTAINER_FAILED);
        assertThat(e.summary()).contains("container app is in CrashLoopBackOff");
        assertThat(e.getMessage()).contains("exit code 3", "(previous instance)", "| DATABASE_URL is not set");
    }

    @Test
    void aReadinessProbeThatNeverPassesIsNamedAtTheDeadline() {
        deploy(
                "unready",
                container("httpd", "-f", "-p", "8080", "-h", "/www")
                        .withReadinessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder()
                                .withNewHttpGet()
                                .withPath("/not-ready")
                                .withPort(new IntOrString(8080))
                                .endHttpGet()
                                .withPeriodSeconds(1)
                                .build())
                        .build());

        RolloutFailedException e = catchThrowableOfType(
                RolloutFailedException.class,
                () -> new RolloutWaiter(client, ProgressSink.silent())
                        .await(
                                LabelSelection.helmRelease(NS, "unready"),
                                new WaitPolicy(Duration.ofSeconds(30), Duration.ofSeconds(1))));

        System.out.println(e.getMessage());
        assertThat(e.failure()).isEqualTo(RolloutFailedException.Cause.DEADLINE_EXCEEDED);
        assertThat(e.getMessage())
                .contains(
                        "its readiness probe (HTTP GET /not-ready on port 8080) does not pass",
                        "Readiness probe failed: HTTP probe failed with statuscode: 404");
    }

    @Test
    void anImageMissingFromTheNodeIsDiagnosed() {
        deploy(
                "missing",
                new ContainerBuilder()
                        .withName("app")
                        .withImage("ghillie.invalid/missing:1")
                        .withImagePullPolicy("IfNotPresent")
                        .build());

        RolloutFailedException e = catchThrowableOfType(
                RolloutFailedException.class,
                () -> new RolloutWaiter(client, ProgressSink.silent())
                        .await(LabelSelection.helmRelease(NS, "missing"), ROLLOUT));

        System.out.println(e.getMessage());
        assertThat(e.failure()).isEqualTo(RolloutFailedException.Cause.CONTAINER_FAILED);
        assertThat(e.summary()).containsAnyOf("ErrImagePull", "ImagePullBackOff");
        assertThat(e.getMessage()).contains("k3d image import", "ghillie.invalid/missing:1");
    }

    private static ContainerBuilder container(String... command) {
        return new ContainerBuilder()
                .withName("app")
                .withImage(IMAGE)
                .withImagePullPolicy("Never")
                .withCommand(command)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(65534L)
                .withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false)
                .endSecurityContext();
    }

    private static void deploy(String release, Container container) {
        client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(release)
                        .withLabels(labels(release))
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .withNewSelector()
                        .withMatchLabels(labels(release))
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(labels(release))
                        .endMetadata()
                        .withNewSpec()
                        .withContainers(container)
                        .withTerminationGracePeriodSeconds(1L)
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
    }

    private static Map<String, String> labels(String release) {
        return Map.of("app.kubernetes.io/instance", release, "app.kubernetes.io/name", release);
    }

    private static int get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
