package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghillie.preview.kube.PodDiagnosis;
import dev.ghillie.preview.kube.PodSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusReportTest {

    static final PodSummary READY =
            new PodSummary("ghillie-new", 1, 1, "Running", "Running", 0, Duration.ofSeconds(10));
    static final PodSummary STARTING =
            new PodSummary("ghillie-new", 0, 1, "Running", "Running", 0, Duration.ofSeconds(3));
    static final PodSummary LEAVING =
            new PodSummary("ghillie-old", 0, 1, "Running", "Terminating", 0, Duration.ofSeconds(39));

    static final StatusPart CLUSTER = new StatusPart(
            "cluster", "ghillie-local", PartState.OK, "running", "k3d, context k3d-ghillie-local, 1 node(s)");
    static final StatusPart RELEASE =
            new StatusPart("release", "ghillie", PartState.OK, "deployed", "revision 2 in namespace ghillie");

    private static StatusPart pod(PodSummary pod) {
        return PreviewStatus.podPart(new PodDiagnosis(
                pod,
                Optional.empty(),
                pod.healthy() || pod.terminating()
                        ? Optional.empty()
                        : Optional.of("container ghillie: running but not ready")));
    }

    private static StatusReport report(StatusPart... more) {
        List<StatusPart> parts = new ArrayList<>(List.of(CLUSTER, RELEASE));
        parts.addAll(List.of(more));
        return new StatusReport(parts);
    }

    @Test
    void aPodOnItsWayOutAfterARolloutDoesNotMakeThePreviewUnhealthy() {
        StatusReport report = report(pod(LEAVING), pod(READY));

        assertThat(report.healthy()).isTrue();
        // Still shown: the table says what the cluster holds.
        assertThat(report.toTable())
                .contains("ghillie-old")
                .contains("terminating")
                .contains("replaced, on its way out");
        // .ci/e2e-tier greps for this phrase.
        assertThat(report.toTable().lines().toList().getLast()).isEqualTo("overall    healthy");
    }

    @Test
    void aStartingPodIsNotReadyYetAndSaysWhy() {
        StatusReport report = report(pod(STARTING));

        assertThat(report.overall()).isEqualTo(PartState.WARN);
        assertThat(report.healthy()).isFalse();
        assertThat(report.toTable())
                .contains(
                        "not ready       0/1 Running, 0 restart(s), age 3s; container ghillie: running but not ready");
        assertThat(report.toTable().lines().toList().getLast())
                .contains("not ready yet")
                .contains("see pod ghillie-new");
    }

    @Test
    void noPartsAtAllIsNotHealthy() {
        assertThat(new StatusReport(List.of()).overall()).isEqualTo(PartState.FAIL);
    }

    @Test
    void oneLinePerPartWithWordsAlignedWhateverTheirStyle() {
        StatusReport report = report(pod(READY));
        WordStyle bracketed = (state, word) -> "<" + state + ">" + word + "</>";

        List<String> plain = report.lines(WordStyle.PLAIN);
        List<String> styled = report.lines(bracketed);

        assertThat(plain)
                .containsExactly(
                        "cluster    ghillie-local running         k3d, context k3d-ghillie-local, 1 node(s)",
                        "release    ghillie       deployed        revision 2 in namespace ghillie",
                        "pod        ghillie-new   ready           1/1 Running, 0 restart(s), age 10s",
                        "overall    healthy");
        // The style wraps the word only; padding is by the plain word, so columns stay where they were.
        assertThat(styled.get(0))
                .isEqualTo("cluster    ghillie-local <OK>running</>         k3d, context k3d-ghillie-local, 1 node(s)");
        assertThat(styled.getLast()).isEqualTo("overall    <OK>healthy</>");
    }

    @Test
    void jsonCarriesTheSameVerdictForMachines() throws Exception {
        JsonNode json =
                new ObjectMapper().readTree(report(pod(LEAVING), pod(READY)).toJson());

        assertThat(json.get("healthy").asBoolean()).isTrue();
        assertThat(json.get("overall").asText()).isEqualTo("OK");
        assertThat(json.get("parts")).hasSize(4);
        assertThat(json.get("parts").get(2).get("facts").get("status").asText()).isEqualTo("Terminating");
        assertThat(json.get("parts").get(2).get("word").asText()).isEqualTo("terminating");
    }

    @Test
    void namesTheProviderAndTheContextForPeopleAndMachines() throws Exception {
        StatusPart cluster = PreviewStatus.clusterPart(
                "k8s-local",
                new ProviderContext("existing", "k8s-local"),
                new dev.ghillie.preview.provider.ClusterState.Running("k8s-local", 1, Optional.empty()));
        StatusReport report = new StatusReport(List.of(cluster), java.time.Duration.ofMillis(5));

        assertThat(report.toTable())
                .startsWith("provider   existing, context k8s-local\ncluster    k8s-local running")
                .contains("existing, context k8s-local, 1 node(s)");
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.get("parts").get(0).get("facts").get("provider").asText())
                .isEqualTo("existing");
        assertThat(json.get("parts").get(0).get("facts").get("context").asText())
                .isEqualTo("k8s-local");
    }
}
