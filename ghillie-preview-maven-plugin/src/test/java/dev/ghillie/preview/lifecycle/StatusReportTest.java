package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghillie.preview.kube.PodSummary;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusReportTest {

    static final PodSummary READY = new PodSummary("ghillie-new", 1, 1, "Running", "Running", 0, Duration.ofSeconds(10));
    static final PodSummary STARTING = new PodSummary("ghillie-new", 0, 1, "Running", "Running", 0, Duration.ofSeconds(3));
    static final PodSummary CRASHING = new PodSummary("ghillie-new", 0, 1, "Running", "CrashLoopBackOff", 4, Duration.ofMinutes(3));
    static final PodSummary LEAVING = new PodSummary("ghillie-old", 0, 1, "Running", "Terminating", 0, Duration.ofSeconds(39));

    private static StatusReport report(List<PodSummary> pods, boolean answers) {
        return new StatusReport("ghillie-local", "running", 1, "ghillie",
                Optional.of(new StatusReport.ReleaseStatus("ghillie", 2, "deployed")), pods, Optional.of("http://127.0.0.1:8080"),
                Optional.of(answers));
    }

    @Test
    void aPodOnItsWayOutAfterARolloutDoesNotMakeThePreviewUnhealthy() {
        StatusReport report = report(List.of(LEAVING, READY), true);

        assertThat(report.healthy()).isTrue();
        // Still shown: the table says what the cluster holds.
        assertThat(report.toTable()).contains("ghillie-old").contains("Terminating").endsWith("overall    healthy");
    }

    @Test
    void everyServingPodMustBeReady() {
        assertThat(report(List.of(READY, STARTING), true).healthy()).isFalse();
        assertThat(report(List.of(CRASHING), true).healthy()).isFalse();
        assertThat(report(List.of(CRASHING), true).toTable()).contains("CrashLoopBackOff").endsWith("overall    NOT healthy");
    }

    @Test
    void onlyTerminatingPodsOrNoneIsUnhealthy() {
        assertThat(report(List.of(LEAVING), true).healthy()).isFalse();
        assertThat(report(List.of(), true).healthy()).isFalse();
        assertThat(report(List.of(), true).toTable()).contains("(no pods)");
    }

    @Test
    void theTableNamesTheHealthPathThatWasAsked() {
        StatusReport plain = new StatusReport("ghillie-local", "running", 1, "plain",
                Optional.of(new StatusReport.ReleaseStatus("plain", 1, "deployed")), List.of(READY), Optional.of("http://127.0.0.1:8080"),
                Optional.of(true), "/healthz");

        assertThat(plain.toTable()).contains("url        http://127.0.0.1:8080  /healthz: 200").doesNotContain("/health:");
    }

    @Test
    void healthMustAnswerAndTheReleaseBeDeployed() {
        assertThat(report(List.of(READY), false).healthy()).isFalse();
        StatusReport failedRelease = new StatusReport("ghillie-local", "running", 1, "ghillie",
                Optional.of(new StatusReport.ReleaseStatus("ghillie", 3, "failed")), List.of(READY), Optional.of("http://127.0.0.1:8080"),
                Optional.of(true));
        assertThat(failedRelease.healthy()).isFalse();
    }

    @Test
    void jsonCarriesTheSameVerdictForMachines() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report(List.of(LEAVING, READY), true).toJson());

        assertThat(json.get("healthy").asBoolean()).isTrue();
        assertThat(json.get("pods")).hasSize(2);
        assertThat(json.get("pods").get(0).get("status").asText()).isEqualTo("Terminating");
        assertThat(json.get("release").get("revision").asInt()).isEqualTo(2);
        assertThat(json.get("cluster").get("state").asText()).isEqualTo("running");
    }

    @Test
    void namesTheProviderAndTheContextForPeopleAndMachines() throws Exception {
        StatusReport report = new StatusReport("k8s-local", "running", 0, "ghillie", Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), "/health", "existing", "k8s-local");

        assertThat(report.toTable()).startsWith("provider   existing, context k8s-local");
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.get("provider").asText()).isEqualTo("existing");
        assertThat(json.get("context").asText()).isEqualTo("k8s-local");
        assertThat(report(List.of(READY), true).toTable()).startsWith("provider   k3d, context k3d-ghillie-local");
    }
}
