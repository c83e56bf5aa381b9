package dev.ghillie.preview.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PodLogStreamerTest {

    static final String NS = "ghillie";
    static final LabelSelection RELEASE = LabelSelection.helmRelease(NS, "ghillie");
    static final String LOG = "/api/v1/namespaces/ghillie/pods/%s/log?pretty=false&container=ghillie";

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void printsEveryPodsLinesPrefixedWithPodAndContainer() {
        pod("ghillie-a", "ghillie", TestController.running("ghillie", true));
        pod("ghillie-b", "ghillie", TestController.waiting("ghillie", "ContainerCreating", "", 0));
        pod("other", "other", TestController.running("ghillie", true));
        logs("ghillie-a", "&sinceSeconds=300&tailLines=2", "listening on 8080\nGET /health 200\n");
        List<String> lines = new ArrayList<>();

        new PodLogStreamer(client)
                .print(LogQuery.all(RELEASE).withSince(Duration.ofMinutes(5)).withTailLines(2), lines::add);

        assertThat(lines)
                .containsExactly(
                        "[ghillie-a/ghillie] listening on 8080",
                        "[ghillie-a/ghillie] GET /health 200",
                        "[ghillie-b/ghillie] (container has not started: ContainerCreating)");
    }

    @Test
    void aLogTheApiServerRefusesIsNotedNotFatal() {
        pod("ghillie-a", "ghillie", TestController.running("ghillie", true));
        server.expect()
                .get()
                .withPath(LOG.formatted("ghillie-a"))
                .andReturn(500, "boom")
                .always();
        List<String> lines = new ArrayList<>();

        new PodLogStreamer(client).print(LogQuery.all(RELEASE), lines::add);

        assertThat(lines).containsExactly("[ghillie-a/ghillie] (logs unavailable: HTTP 500)");
    }

    @Test
    void followingPicksUpPodsOfALaterRolloutFromTheirFirstLine() throws InterruptedException {
        pod("ghillie-old", "ghillie", TestController.running("ghillie", true));
        logs("ghillie-old", "&tailLines=5&follow=true", "old 1\nold 2\n");
        List<String> lines = new CopyOnWriteArrayList<>();

        try (LogFollow follow = new PodLogStreamer(client)
                .follow(LogQuery.all(RELEASE).withTailLines(5), lines::add, Duration.ofMillis(50))) {
            awaitLine(lines, "[ghillie-old/ghillie] old 2");

            // A new rollout: the new pod's logs come without tail, from its first line.
            logs("ghillie-new", "&follow=true", "new 1\n");
            pod("ghillie-new", "ghillie", TestController.running("ghillie", false));
            awaitLine(lines, "[ghillie-new/ghillie] new 1");
        }

        assertThat(lines)
                .containsExactly(
                        "[ghillie-old/ghillie] old 1", "[ghillie-old/ghillie] old 2", "[ghillie-new/ghillie] new 1");
    }

    @Test
    void aFollowEndsWhenClosed() throws InterruptedException {
        LogFollow follow = new PodLogStreamer(client).follow(LogQuery.all(RELEASE), line -> {}, Duration.ofMillis(50));
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                follow.awaitClose();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        follow.close();

        waiter.join(Duration.ofSeconds(10));
        assertThat(waiter.isAlive()).isFalse();
    }

    private void logs(String pod, String query, String body) {
        server.expect()
                .get()
                .withPath(LOG.formatted(pod) + query)
                .andReturn(200, body)
                .always();
    }

    private void pod(String name, String release, ContainerStatus status) {
        client.pods()
                .inNamespace(NS)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(Map.of("app.kubernetes.io/instance", release))
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("ghillie")
                        .withImage("ghillie:dev")
                        .endContainer()
                        .endSpec()
                        .withNewStatus()
                        .withPhase("Running")
                        .withContainerStatuses(status)
                        .endStatus()
                        .build())
                .create();
    }

    /** Waits for a line to arrive; the generous bound only keeps a broken build from hanging. */
    private static void awaitLine(List<String> lines, String expected) throws InterruptedException {
        for (int i = 0; i < 400 && !lines.contains(expected); i++) {
            Thread.sleep(25);
        }
        assertThat(lines).contains(expected);
    }
}
