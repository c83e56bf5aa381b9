package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ghillie.preview.cluster.ClusterSpec;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.cluster.ImageImportMode;
import dev.ghillie.preview.cluster.K3d;
import dev.ghillie.preview.cluster.K3dCluster;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.HelmClient;
import dev.ghillie.preview.helm.ReleaseRequest;
import dev.ghillie.preview.helm.ReleaseRevision;
import dev.ghillie.preview.helm.ReleaseTarget;
import dev.ghillie.preview.platform.OperatorTarget;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.ValkeyOperator;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code preview:status} against fabric8's mock API server playing a whole preview (operators, data services, the app
 * Secret, the app's pods) and a local HTTP server playing the app's URL: one test per part's states.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class PreviewStatusTest {

    static final String NS = "ghillie";
    static final String DATABASE_URL = "postgresql://ghillie:pg-Secret-1@pg-ghillie-rw.ghillie:5432/ghillie";

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    private HttpServer app;
    private volatile int readyStatus = 200;
    private volatile String readyBody = "{\"status\":\"ready\"}";
    private final List<ReleaseRevision> history = new java.util.ArrayList<>(List.of(new ReleaseRevision(2, "deployed", "Upgrade complete")));

    @BeforeEach
    void startApp() throws Exception {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"ok\"}"));
        app.createContext("/ready", exchange -> answer(exchange, readyStatus, readyBody));
        app.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stopApp() {
        app.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + app.getAddress().getPort();
    }

    // --- the preview, as up leaves it -------------------------------------------------------------------------------

    /** Both operators available, both instances ready, the Secret with both keys, one ready pod. */
    private void healthyPreview() {
        operator("cnpg-system", "cnpg", true);
        operator("valkey-operator-system", "valkey-operator", true);
        instance(OperatorTarget.postgres(), Map.of("phase", "Cluster in healthy state",
                "conditions", List.of(Map.of("type", "Ready", "status", "True"))));
        instance(OperatorTarget.valkey(ValkeyOperator.VALKEY_IO), Map.of("state", "Ready"));
        appSecret(Map.of("DATABASE_URL", DATABASE_URL, "VALKEY_URL", "redis://:vk-Secret-2@valkey-valkey-ghillie.ghillie:6379"));
        pod("ghillie-7b9f55bd6b-p7w5f", running());
    }

    private void operator(String namespace, String release, boolean available) {
        Map<String, String> labels = Map.of("app.kubernetes.io/instance", release, "app.kubernetes.io/name", release);
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(release + "-controller").withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("manager").withImage("operator:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        client.apps().deployments().inNamespace(namespace).withName(release + "-controller").editStatus(d -> new DeploymentBuilder(d)
                .withStatus(new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                        .withReplicas(1).withUpdatedReplicas(1).withAvailableReplicas(available ? 1 : 0).withReadyReplicas(available ? 1 : 0)
                        .build())
                .build());
    }

    /** The instance up applies, with the status its operator wrote. */
    private void instance(OperatorTarget target, Map<String, Object> status) {
        ResourceDefinitionContext type = target.type();
        if (client.apiextensions().v1().customResourceDefinitions().withName(type.getPlural() + "." + type.getGroup()).get() == null) {
            client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                    .withNewMetadata().withName(type.getPlural() + "." + type.getGroup()).endMetadata()
                    .withNewSpec().withGroup(type.getGroup()).withScope("Namespaced")
                    .withNewNames().withKind(type.getKind()).withPlural(type.getPlural()).endNames()
                    .addNewVersion().withName(type.getVersion()).withServed(true).withStorage(true)
                    .withNewSubresources().withNewStatus().endStatus().endSubresources().endVersion()
                    .endSpec().build()).create();
        }
        client.genericKubernetesResources(type).inNamespace(NS).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion(type.getGroup() + "/" + type.getVersion()).withKind(type.getKind())
                .withNewMetadata().withName(target.instance()).withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", Map.of("instances", 1)).build()).create();
        client.genericKubernetesResources(type).inNamespace(NS).withName(target.instance()).editStatus(r -> {
            GenericKubernetesResource copy = new GenericKubernetesResource();
            copy.setApiVersion(r.getApiVersion());
            copy.setKind(r.getKind());
            copy.setMetadata(r.getMetadata());
            Map<String, Object> properties = new HashMap<>(r.getAdditionalProperties());
            properties.put("status", status);
            properties.forEach(copy::setAdditionalProperty);
            return copy;
        });
    }

    private void appSecret(Map<String, String> data) {
        Map<String, String> encoded = new HashMap<>();
        data.forEach((key, value) -> encoded.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("ghillie").endMetadata()
                .withData(encoded).build()).create();
    }

    private void pod(String name, ContainerStatus status) {
        boolean ready = Boolean.TRUE.equals(status.getReady());
        client.pods().inNamespace(NS).resource(new PodBuilder()
                .withNewMetadata().withName(name).addToLabels("app.kubernetes.io/instance", "ghillie").endMetadata()
                .withNewSpec().addNewContainer().withName("ghillie").withImage("ghillie:dev").endContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .withContainerStatuses(status).endStatus()
                .build()).create();
    }

    private static ContainerStatus running() {
        return new ContainerStatusBuilder().withName("ghillie").withImage("ghillie:dev").withReady(true).withRestartCount(0)
                .withNewState().withNewRunning().withStartedAt("2026-11-25T10:00:00Z").endRunning().endState().build();
    }

    private static ContainerStatus crashLooping() {
        return new ContainerStatusBuilder().withName("ghillie").withImage("ghillie:dev").withReady(false).withRestartCount(4)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                .withMessage("back-off 1m20s restarting failed container=ghillie pod=ghillie-7b9f55bd6b-p7w5f").endWaiting().endState()
                .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error").endTerminated().endLastState()
                .build();
    }

    // --- the goal ---------------------------------------------------------------------------------------------------

    private StatusReport status() throws Exception {
        Path kubeconfig = MockServerKubeconfig.write(tmp.resolve("kubeconfig.yaml"), server);
        PreviewRecord record = new PreviewRecord("ghillie-local", NS, "ghillie", url(), "ingress", "ghillie:dev", "sha256:1",
                kubeconfig.toString(), List.of("postgresql", "valkey"), Map.of());
        return new PreviewStatus(k3d(kubeconfig, true), helm()).report(settings(), Optional.of(record));
    }

    private PreviewSettings settings() {
        ChartSource chart = new ChartSource.Local(tmp);
        return new PreviewSettings("ghillie-local", 0, 0, Duration.ofMinutes(3), false, NS, "ghillie", tmp, List.of(), Map.of(),
                AccessMode.INGRESS, 0, new PlatformSettings(true, true, chart, chart, Duration.ofMinutes(5)), Duration.ofMinutes(5),
                tmp, tmp, Optional.empty(), Map.of());
    }

    static K3d k3d(Path kubeconfig, boolean exists) {
        return new K3d() {
            @Override
            public String version() {
                return "v5.8.3";
            }

            @Override
            public List<K3dCluster> list() {
                return find("ghillie-local").stream().toList();
            }

            @Override
            public Optional<K3dCluster> find(String name) {
                return exists ? Optional.of(new K3dCluster(name, 1, 1, 0, 0, Optional.of(new HostPort("127.0.0.1", 6550)),
                        Optional.of(new HostPort("127.0.0.1", 1)))) : Optional.empty();
            }

            @Override
            public void create(ClusterSpec spec) {
                throw new AssertionError("status never creates");
            }

            @Override
            public void start(String name) {
                throw new AssertionError("status never starts");
            }

            @Override
            public void stop(String name) {
                throw new AssertionError("status never stops");
            }

            @Override
            public boolean delete(String name) {
                throw new AssertionError("status never deletes");
            }

            @Override
            public Path writeKubeconfig(String name) {
                return kubeconfig;
            }

            @Override
            public void importImage(Path tarball, String clusterName, ImageImportMode mode) {
                throw new AssertionError("status never imports");
            }
        };
    }

    private HelmClient helm() {
        return new HelmClient() {
            @Override
            public List<ReleaseRevision> history(ReleaseTarget target) {
                return List.copyOf(history);
            }

            @Override
            public ReleaseRevision upgradeInstall(ReleaseRequest request) {
                throw new AssertionError("status never installs");
            }

            @Override
            public void uninstall(ReleaseTarget target) {
                throw new AssertionError("status never uninstalls");
            }

            @Override
            public void discardRevision(ReleaseTarget target, int revision) {
                throw new AssertionError("status never discards");
            }
        };
    }

    private static String line(StatusReport report, String start) {
        return report.toTable().lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting '" + start + "' in:\n" + report.toTable()));
    }

    private static StatusPart part(StatusReport report, String kind, String name) {
        return report.parts().stream().filter(p -> p.kind().equals(kind) && p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no part " + kind + " " + name + " in:\n" + report.toTable()));
    }

    // --- the states -------------------------------------------------------------------------------------------------

    @Test
    void aHealthyPreviewShowsEveryPartReadyOneLineEach() throws Exception {
        healthyPreview();

        StatusReport report = status();

        assertThat(report.healthy()).as(report.toTable()).isTrue();
        assertThat(report.parts()).extracting(StatusPart::kind).containsExactly("cluster", "postgresql", "postgresql", "valkey", "valkey",
                "secret", "release", "pod", "url", "url");
        assertThat(line(report, "cluster")).contains("ghillie-local").contains("running").contains("k3d, context k3d-ghillie-local");
        assertThat(line(report, "postgresql operator cnpg")).contains("ready").contains("deployment/cnpg-controller available");
        assertThat(line(report, "postgresql Cluster pg-ghillie")).contains("ready");
        assertThat(line(report, "valkey     operator valkey-operator")).contains("ready");
        assertThat(line(report, "valkey     ValkeyCluster valkey-ghillie")).contains("ready");
        assertThat(line(report, "secret")).contains("present").contains("keys DATABASE_URL, VALKEY_URL");
        assertThat(line(report, "release")).contains("deployed").contains("revision 2");
        assertThat(line(report, "pod")).contains("ghillie-7b9f55bd6b-p7w5f").contains("ready").contains("1/1 Running, 0 restart(s)");
        assertThat(line(report, "url        " + url() + "/health")).contains("200");
        assertThat(line(report, "url        " + url() + "/ready")).contains("ready");
        assertThat(report.toTable().lines().toList().getLast()).startsWith("overall").contains("healthy").doesNotContain("NOT");
        // Never a Secret's values, in either form.
        assertThat(report.toTable() + report.toJson()).doesNotContain("pg-Secret-1").doesNotContain("vk-Secret-2");
    }

    @Test
    void aDataServiceThatIsNotReadySaysWhatItWaitsForAndWhatTheOperatorReports() throws Exception {
        healthyPreview();
        client.genericKubernetesResources(OperatorTarget.postgres().type()).inNamespace(NS).withName("pg-ghillie").delete();
        instance(OperatorTarget.postgres(), Map.of("phase", "Setting up primary",
                "conditions", List.of(Map.of("type", "Ready", "status", "False", "message", "Cluster Is Not Ready"))));

        StatusReport report = status();

        StatusPart cluster = part(report, "postgresql", "Cluster pg-ghillie");
        assertThat(cluster.state()).isEqualTo(PartState.WARN);
        assertThat(cluster.word()).isEqualTo("not ready");
        assertThat(cluster.detail()).isEqualTo("waiting for condition Ready=True or phase 'Cluster in healthy state';"
                + " now: phase 'Setting up primary', Ready=False (Cluster Is Not Ready)");
        assertThat(report.overall()).isEqualTo(PartState.WARN);
        assertThat(report.toTable().lines().toList().getLast()).contains("not ready yet").contains("postgresql Cluster pg-ghillie");
    }

    @Test
    void anOperatorThatIsNotAvailableOrMissingIsSaid() throws Exception {
        operator("cnpg-system", "cnpg", false);
        instance(OperatorTarget.postgres(), Map.of("phase", "Cluster in healthy state"));

        StatusReport report = status();

        assertThat(part(report, "postgresql", "operator cnpg").detail()).isEqualTo("deployment/cnpg-controller: 0 of 1 updated replicas available");
        StatusPart valkeyOperator = part(report, "valkey", "operator valkey-operator");
        assertThat(valkeyOperator.state()).isEqualTo(PartState.FAIL);
        assertThat(valkeyOperator.word()).isEqualTo("absent");
        StatusPart valkey = part(report, "valkey", "ValkeyCluster valkey-ghillie");
        assertThat(valkey.word()).isEqualTo("absent");
    }

    @Test
    void aMissingSecretIsAFailureThatSaysWhoWritesIt() throws Exception {
        healthyPreview();
        client.secrets().inNamespace(NS).withName("ghillie").delete();

        StatusReport report = status();

        StatusPart secret = part(report, "secret", "ghillie");
        assertThat(secret.state()).isEqualTo(PartState.FAIL);
        assertThat(line(report, "secret")).contains("missing").contains("no Secret ghillie in namespace ghillie")
                .contains("mvn preview:up writes it");
        assertThat(report.healthy()).isFalse();
        assertThat(report.toTable().lines().toList().getLast()).contains("NOT healthy");
    }

    @Test
    void aSecretWithoutADataServicesKeyIsIncomplete() throws Exception {
        healthyPreview();
        client.secrets().inNamespace(NS).withName("ghillie").delete();
        appSecret(Map.of("DATABASE_URL", DATABASE_URL));

        StatusPart secret = part(status(), "secret", "ghillie");

        assertThat(secret.word()).isEqualTo("incomplete");
        assertThat(secret.detail()).isEqualTo("keys DATABASE_URL; lacks VALKEY_URL: mvn preview:up writes them");
    }

    @Test
    void aCrashLoopingPodSaysSoWithTheRolloutWaitsDiagnosis() throws Exception {
        healthyPreview();
        client.pods().inNamespace(NS).withName("ghillie-7b9f55bd6b-p7w5f").delete();
        pod("ghillie-7b9f55bd6b-x2x2x", crashLooping());

        StatusReport report = status();

        StatusPart pod = part(report, "pod", "ghillie-7b9f55bd6b-x2x2x");
        assertThat(pod.state()).isEqualTo(PartState.FAIL);
        assertThat(pod.word()).isEqualTo("CrashLoopBackOff");
        assertThat(pod.detail()).startsWith("0/1 Running, 4 restart(s), age ")
                .contains("container ghillie: waiting, CrashLoopBackOff (back-off 1m20s restarting failed container=ghillie")
                .contains("restarted 4 times, last exit: exit code 1 (Error)")
                .endsWith("its logs say why: mvn preview:logs");
        assertThat(pod.facts()).containsEntry("reason", "CrashLoopBackOff").containsEntry("restarts", 4);
    }

    @Test
    void aReadyPathThatFailsNamesTheFailingChecks() throws Exception {
        healthyPreview();
        readyStatus = 503;
        readyBody = "{\"status\":\"not-ready\",\"checks\":{\"database\":\"connection refused\",\"valkey\":\"timed out after 1000 ms\"}}";

        StatusReport report = status();

        StatusPart ready = part(report, "url", url() + "/ready");
        assertThat(ready.state()).isEqualTo(PartState.FAIL);
        assertThat(ready.word()).isEqualTo("not ready");
        assertThat(ready.detail()).isEqualTo("HTTP 503, failing: database (connection refused); valkey (timed out after 1000 ms)");
        assertThat(part(report, "url", url() + "/health").state()).isEqualTo(PartState.OK);
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        JsonNode readyJson = json.get("parts").get(json.get("parts").size() - 1);
        assertThat(readyJson.get("facts").get("failingChecks").get("database").asText()).isEqualTo("connection refused");
    }

    @Test
    void aUrlThatDoesNotAnswerIsAFailureNotAWait() throws Exception {
        healthyPreview();
        app.stop(0);

        StatusReport report = status();

        assertThat(part(report, "url", url() + "/health").word()).isEqualTo("no answer");
        assertThat(part(report, "url", url() + "/ready").word()).isEqualTo("no answer");
    }

    @Test
    void aFailedReleaseIsAFailureWithHelmsDescription() throws Exception {
        healthyPreview();
        history.add(new ReleaseRevision(3, "failed", "Upgrade \"ghillie\" failed: timed out waiting for the condition"));

        StatusPart release = part(status(), "release", "ghillie");

        assertThat(release.state()).isEqualTo(PartState.FAIL);
        assertThat(release.detail()).isEqualTo("revision 3 in namespace ghillie: Upgrade \"ghillie\" failed: timed out waiting for the condition");
    }

    @Test
    void withoutAClusterOnlyTheClusterIsShown() throws Exception {
        Path kubeconfig = MockServerKubeconfig.write(tmp.resolve("kubeconfig.yaml"), server);

        StatusReport report = new PreviewStatus(k3d(kubeconfig, false), helm()).report(settings(), Optional.empty());

        assertThat(report.parts()).singleElement().satisfies(part -> {
            assertThat(part.word()).isEqualTo("absent");
            assertThat(part.detail()).isEqualTo("k3d has no cluster ghillie-local: mvn preview:up creates it");
        });
        assertThat(report.healthy()).isFalse();
    }

    @Test
    void jsonCarriesTheSamePartsAndVerdictForMachines() throws Exception {
        healthyPreview();

        StatusReport report = status();
        String text = report.toJson();
        JsonNode json = new ObjectMapper().readTree(text);

        // The e2e tier greps for this exact text.
        assertThat(text).contains("\"healthy\" : true");
        assertThat(json.get("overall").asText()).isEqualTo("OK");
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
