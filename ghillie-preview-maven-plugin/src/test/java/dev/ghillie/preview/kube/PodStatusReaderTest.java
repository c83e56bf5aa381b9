package dev.ghillie.preview.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PodStatusReaderTest {

    io.fabric8.kubernetes.client.server.mock.KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void summarisesEachPodLikeKubectl() {
        Pod healthy = pod("ghillie-a", "Running", TestController.running("ghillie", true));
        pod("ghillie-b", "Running", TestController.waiting("ghillie", "CrashLoopBackOff", "back-off", 3));
        pod("ghillie-c", "Pending", TestController.waiting("ghillie", "ContainerCreating", "", 0));
        Clock fiveMinutesLater = Clock.fixed(
                Instant.parse(healthy.getMetadata().getCreationTimestamp())
                        .plus(Duration.ofMinutes(5))
                        .plusSeconds(3),
                ZoneOffset.UTC);

        List<PodSummary> pods = new PodStatusReader(client, fiveMinutesLater)
                .diagnosed(LabelSelection.helmRelease("ghillie", "ghillie")).stream()
                        .map(PodDiagnosis::summary)
                        .toList();

        assertThat(pods)
                .extracting(
                        PodSummary::name,
                        PodSummary::ready,
                        PodSummary::phase,
                        PodSummary::status,
                        PodSummary::restarts,
                        PodSummary::healthy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ghillie-a", "1/1", "Running", "Running", 0, true),
                        org.assertj.core.groups.Tuple.tuple(
                                "ghillie-b", "0/1", "Running", "CrashLoopBackOff", 3, false),
                        org.assertj.core.groups.Tuple.tuple(
                                "ghillie-c", "0/1", "Pending", "ContainerCreating", 0, false));
        assertThat(pods.getFirst().age()).isEqualTo(Duration.ofSeconds(303));
        assertThat(pods.getFirst().ageText()).isEqualTo("5m");
    }

    @Test
    void aRefusedRequestSaysWhatWasAttemptedAndWhy() {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/ghillie/pods?labelSelector=app.kubernetes.io%2Finstance%3Dghillie")
                .andReturn(
                        403,
                        new io.fabric8.kubernetes.api.model.StatusBuilder()
                                .withCode(403)
                                .withMessage("pods is forbidden: User \"dev\" cannot list resource \"pods\"")
                                .build())
                .always();

        KubeException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                KubeException.class,
                () -> new PodStatusReader(client).diagnosed(LabelSelection.helmRelease("ghillie", "ghillie")));

        assertThat(e.getMessage())
                .isEqualTo("Could not list the pods labelled app.kubernetes.io/instance=ghillie in "
                        + "namespace ghillie (HTTP 403: pods is forbidden: User \"dev\" cannot list resource \"pods\"): is the "
                        + "cluster running and the kubeconfig current?");
    }

    @Test
    void agesReadLikeKubectls() {
        assertThat(summary(Duration.ofSeconds(45)).ageText()).isEqualTo("45s");
        assertThat(summary(Duration.ofMinutes(12)).ageText()).isEqualTo("12m");
        assertThat(summary(Duration.ofMinutes(185)).ageText()).isEqualTo("3h5m");
        assertThat(summary(Duration.ofHours(52)).ageText()).isEqualTo("2d4h");
    }

    private static PodSummary summary(Duration age) {
        return new PodSummary("p", 1, 1, "Running", "Running", 0, age);
    }

    private Pod pod(String name, String phase, ContainerStatus status) {
        return client.pods()
                .inNamespace("ghillie")
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(Map.of("app.kubernetes.io/instance", "ghillie"))
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("ghillie")
                        .withImage("ghillie:dev")
                        .endContainer()
                        .endSpec()
                        .withNewStatus()
                        .withPhase(phase)
                        .withContainerStatuses(status)
                        .endStatus()
                        .build())
                .create();
    }
}
