package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghillie.preview.ProgressLines;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.platform.OperatorTarget;
import dev.ghillie.preview.provider.ClusterState;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code preview:status} against a {@link MockPreview}: one test per part's states.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class PreviewStatusTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    private MockPreview preview;

    @BeforeEach
    void startApp() throws Exception {
        preview = new MockPreview(server, client, tmp);
    }

    @AfterEach
    void stopApp() {
        preview.close();
    }

    private static String line(StatusReport report, String start) {
        return report.toTable()
                .lines()
                .filter(l -> l.startsWith(start))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starting '" + start + "' in:\n" + report.toTable()));
    }

    private static StatusPart part(StatusReport report, String kind, String name) {
        return report.parts().stream()
                .filter(p -> p.kind().equals(kind) && p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no part " + kind + " " + name + " in:\n" + report.toTable()));
    }

    // --- the states -------------------------------------------------------------------------------------------------

    @Test
    void aHealthyPreviewShowsEveryPartReadyOneLineEach() throws Exception {
        preview.healthyPreview();

        StatusReport report = preview.status();

        assertThat(report.healthy()).as(report.toTable()).isTrue();
        assertThat(report.parts())
                .extracting(StatusPart::kind)
                .containsExactly(
                        "cluster",
                        "postgresql",
                        "postgresql",
                        "valkey",
                        "valkey",
                        "secret",
                        "release",
                        "pod",
                        "url",
                        "url");
        assertThat(line(report, "cluster"))
                .contains("ghillie-local")
                .contains("running")
                .contains("k3d, context k3d-ghillie-local");
        assertThat(line(report, "postgresql operator cnpg"))
                .contains("ready")
                .contains("deployment/cnpg-controller available");
        assertThat(line(report, "postgresql Cluster pg-ghillie")).contains("ready");
        assertThat(line(report, "valkey     operator valkey-operator")).contains("ready");
        assertThat(line(report, "valkey     ValkeyCluster valkey-ghillie")).contains("ready");
        assertThat(line(report, "secret")).contains("present").contains("keys DATABASE_URL, VALKEY_URL");
        assertThat(line(report, "release")).contains("deployed").contains("revision 2");
        assertThat(line(report, "pod"))
                .contains("ghillie-7b9f55bd6b-p7w5f")
                .contains("ready")
                .contains("1/1 Running, 0 restart(s)");
        assertThat(line(report, "url        " + preview.url() + "/health")).contains("200");
        assertThat(line(report, "url        " + preview.url() + "/ready"))
                .contains("ready")
                .contains("every check passes: database, valkey");
        assertThat(report.toTable().lines().toList().getLast())
                .startsWith("overall")
                .contains("healthy")
                .doesNotContain("NOT");
        // Never a Secret's values, in either form.
        assertThat(report.toTable() + report.toJson())
                .doesNotContain("pg-Secret-1")
                .doesNotContain("vk-Secret-2");
    }

    @Test
    void aDataServiceThatIsNotReadySaysWhatItWaitsForAndWhatTheOperatorReports() throws Exception {
        preview.healthyPreview();
        client.genericKubernetesResources(OperatorTarget.postgres().type())
                .inNamespace(MockPreview.NS)
                .withName("pg-ghillie")
                .delete();
        preview.instance(
                OperatorTarget.postgres(),
                Map.of(
                        "phase",
                        "Setting up primary",
                        "conditions",
                        List.of(Map.of("type", "Ready", "status", "False", "message", "Cluster Is Not Ready"))));

        StatusReport report = preview.status();

        StatusPart cluster = part(report, "postgresql", "Cluster pg-ghillie");
        assertThat(cluster.state()).isEqualTo(PartState.WARN);
        assertThat(cluster.word()).isEqualTo("not ready");
        assertThat(cluster.detail())
                .isEqualTo("waiting for condition Ready=True or phase 'Cluster in healthy state';"
                        + " now: phase 'Setting up primary', Ready=False (Cluster Is Not Ready)");
        assertThat(report.overall()).isEqualTo(PartState.WARN);
        assertThat(report.toTable().lines().toList().getLast())
                .contains("not ready yet")
                .contains("postgresql Cluster pg-ghillie");
    }

    @Test
    void anOperatorThatIsNotAvailableOrMissingIsSaid() throws Exception {
        preview.operator("cnpg-system", "cnpg", false);
        preview.instance(OperatorTarget.postgres(), Map.of("phase", "Cluster in healthy state"));

        StatusReport report = preview.status();

        assertThat(part(report, "postgresql", "operator cnpg").detail())
                .isEqualTo("deployment/cnpg-controller: 0 of 1 updated replicas available");
        StatusPart valkeyOperator = part(report, "valkey", "operator valkey-operator");
        assertThat(valkeyOperator.state()).isEqualTo(PartState.FAIL);
        assertThat(valkeyOperator.word()).isEqualTo("absent");
        StatusPart valkey = part(report, "valkey", "ValkeyCluster valkey-ghillie");
        assertThat(valkey.word()).isEqualTo("absent");
    }

    @Test
    void aMissingSecretIsAFailureThatSaysWhoWritesIt() throws Exception {
        preview.healthyPreview();
        client.secrets().inNamespace(MockPreview.NS).withName("ghillie").delete();

        StatusReport report = preview.status();

        StatusPart secret = part(report, "secret", "ghillie");
        assertThat(secret.state()).isEqualTo(PartState.FAIL);
        assertThat(line(report, "secret"))
                .contains("missing")
                .contains("no Secret ghillie in namespace ghillie")
                .contains("mvn preview:up writes it");
        assertThat(report.healthy()).isFalse();
        assertThat(report.toTable().lines().toList().getLast()).contains("NOT healthy");
    }

    @Test
    void aSecretWithoutADataServicesKeyIsIncomplete() throws Exception {
        preview.healthyPreview();
        client.secrets().inNamespace(MockPreview.NS).withName("ghillie").delete();
        preview.appSecret(Map.of("DATABASE_URL", MockPreview.DATABASE_URL));

        StatusPart secret = part(preview.status(), "secret", "ghillie");

        assertThat(secret.word()).isEqualTo("incomplete");
        assertThat(secret.detail()).isEqualTo("keys DATABASE_URL; lacks VALKEY_URL: mvn preview:up writes them");
    }

    @Test
    void aCrashLoopingPodSaysSoWithTheRolloutWaitsDiagnosis() throws Exception {
        preview.healthyPreview();
        client.pods()
                .inNamespace(MockPreview.NS)
                .withName("ghillie-7b9f55bd6b-p7w5f")
                .delete();
        preview.pod("ghillie-7b9f55bd6b-x2x2x", MockPreview.crashLooping());

        StatusReport report = preview.status();

        StatusPart pod = part(report, "pod", "ghillie-7b9f55bd6b-x2x2x");
        assertThat(pod.state()).isEqualTo(PartState.FAIL);
        assertThat(pod.word()).isEqualTo("CrashLoopBackOff");
        assertThat(pod.detail())
                .startsWith("0/1 Running, 4 restart(s), age ")
                .contains(
                        "container ghillie: waiting, CrashLoopBackOff (back-off 1m20s restarting failed container=ghillie")
                .contains("restarted 4 times, last exit: exit code 1 (Error)")
                .endsWith("its logs say why: mvn preview:logs");
        assertThat(pod.facts()).containsEntry("reason", "CrashLoopBackOff").containsEntry("restarts", 4);
    }

    @Test
    void aReadyPathThatFailsNamesTheFailingChecksNotThePassingOnes() throws Exception {
        preview.healthyPreview();
        preview.readyStatus = 503;
        preview.readyBody =
                "{\"status\":\"not-ready\",\"checks\":{\"database\":\"connection refused\",\"cache\":\"ok\","
                        + "\"valkey\":\"timed out after 1000 ms\"}}";

        StatusReport report = preview.status();

        StatusPart ready = part(report, "url", preview.url() + "/ready");
        assertThat(ready.state()).isEqualTo(PartState.FAIL);
        assertThat(ready.word()).isEqualTo("not ready");
        assertThat(ready.detail())
                .isEqualTo("HTTP 503, failing: database (connection refused); valkey (timed out after 1000 ms)");
        assertThat(part(report, "url", preview.url() + "/health").state()).isEqualTo(PartState.OK);
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        JsonNode readyJson = json.get("parts").get(json.get("parts").size() - 1);
        assertThat(readyJson.get("facts").get("failingChecks").get("database").asText())
                .isEqualTo("connection refused");
        assertThat(readyJson.get("facts").get("failingChecks").has("cache")).isFalse();
    }

    @Test
    void aUrlThatDoesNotAnswerIsAFailureNotAWait() throws Exception {
        preview.healthyPreview();
        preview.app.stop(0);

        StatusReport report = preview.status();

        assertThat(part(report, "url", preview.url() + "/health").word()).isEqualTo("no answer");
        assertThat(part(report, "url", preview.url() + "/ready").word()).isEqualTo("no answer");
    }

    @Test
    void aFailedReleaseIsAFailureWithHelmsDescription() throws Exception {
        preview.healthyPreview();
        preview.helmRevision(3, "failed", "Upgrade \"ghillie\" failed: timed out waiting for the condition");

        StatusPart release = part(preview.status(), "release", "ghillie");

        assertThat(release.state()).isEqualTo(PartState.FAIL);
        assertThat(release.detail())
                .isEqualTo(
                        "revision 3 in namespace ghillie: Upgrade \"ghillie\" failed: timed out waiting for the condition");
    }

    @Test
    void withoutAClusterOnlyTheClusterIsShown() throws Exception {
        Path kubeconfig = MockServerKubeconfig.write(tmp.resolve("kubeconfig.yaml"), server);

        StatusReport report = new PreviewStatus(MockPreview.k3d(kubeconfig, false), ProgressSink.silent())
                .report(preview.settings(), Optional.empty());

        assertThat(report.parts()).singleElement().satisfies(part -> {
            assertThat(part.word()).isEqualTo("absent");
            assertThat(part.detail()).isEqualTo("k3d has no cluster ghillie-local: mvn preview:up creates it");
        });
        assertThat(report.healthy()).isFalse();
    }

    @Test
    void eachPartsTimeGoesToTheTimingsAndNotIntoTheReport() throws Exception {
        preview.healthyPreview();
        List<String> timings = new java.util.concurrent.CopyOnWriteArrayList<>();

        StatusReport report = preview.status(ProgressLines.to(timings::add));

        assertThat(report.healthy()).as(report.toTable()).isTrue();
        assertThat(timings)
                .extracting(line -> line.replaceAll("^status took: | \\d+ ms$", ""))
                .containsExactlyInAnyOrder(
                        "cluster state",
                        "kubeconfig",
                        "kube client",
                        "operator cnpg",
                        "Cluster pg-ghillie",
                        "operator valkey-operator",
                        "ValkeyCluster valkey-ghillie",
                        "secret",
                        "release",
                        "pods",
                        "url");
        assertThat(report.toTable() + report.toJson()).doesNotContain(" ms");
    }

    @Test
    void aClusterWhoseApiDoesNotAnswerIsAFailureThatSaysWhy() {
        StatusPart part = PreviewStatus.clusterPart(
                "prod",
                new ProviderContext("existing", "prod"),
                new ClusterState.Unreachable("prod", "its API server https://10.0.0.1:6443 does not answer"));

        assertThat(part.state()).isEqualTo(PartState.FAIL);
        assertThat(part.word()).isEqualTo("unreachable");
        assertThat(part.detail())
                .isEqualTo("existing, context prod: its API server https://10.0.0.1:6443 does not answer");
    }

    @Test
    void jsonCarriesTheSamePartsAndVerdictForMachines() throws Exception {
        preview.healthyPreview();

        StatusReport report = preview.status();
        String text = report.toJson();
        JsonNode json = new ObjectMapper().readTree(text);

        // The e2e tier greps for this exact text.
        assertThat(text).contains("\"healthy\" : true");
        assertThat(json.get("overall").asText()).isEqualTo("OK");
        assertThat(json.get("tookMillis").asLong())
                .isEqualTo(report.took().toMillis())
                .isPositive();
        assertThat(json.get("parts")).hasSize(report.parts().size());
        JsonNode cluster = json.get("parts").get(0);
        assertThat(cluster.get("kind").asText()).isEqualTo("cluster");
        assertThat(cluster.get("state").asText()).isEqualTo("OK");
        assertThat(cluster.get("facts").get("provider").asText()).isEqualTo("k3d");
        assertThat(cluster.get("facts").get("context").asText()).isEqualTo("k3d-ghillie-local");
        JsonNode release = json.get("parts").get(6);
        assertThat(release.get("facts").get("revision").asInt()).isEqualTo(2);
        assertThat(json.get("parts").get(5).get("facts").get("keys")).hasSize(2);
    }
}
