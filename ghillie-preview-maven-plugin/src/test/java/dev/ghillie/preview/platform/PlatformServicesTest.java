package dev.ghillie.preview.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.HelmClient;
import dev.ghillie.preview.helm.ReleaseConverger;
import dev.ghillie.preview.helm.ReleaseRequest;
import dev.ghillie.preview.helm.ReleaseRevision;
import dev.ghillie.preview.helm.ReleaseTarget;
import dev.ghillie.preview.kube.ReadinessCheck;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PlatformServicesTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private final List<String> calls = new ArrayList<>();
    private final Path kubeconfig = Path.of("/tmp/kubeconfig-test");

    /** Helm double: records operator installs; the history it keeps makes the second run a no-op. */
    private final HelmClient helm = new HelmClient() {
        final Map<String, List<ReleaseRevision>> histories = new java.util.HashMap<>();

        @Override
        public List<ReleaseRevision> history(ReleaseTarget target) {
            return histories.getOrDefault(target.name(), List.of());
        }

        @Override
        public ReleaseRevision upgradeInstall(ReleaseRequest request) {
            calls.add("helm upgrade --install " + request.target().name() + " -n "
                    + request.target().namespace() + " " + request.chart().describe());
            ReleaseRevision made = new ReleaseRevision(1, "deployed", ReleaseConverger.description(request));
            histories.put(request.target().name(), List.of(made));
            return made;
        }

        @Override
        public void uninstall(ReleaseTarget target) {}

        @Override
        public void discardRevision(ReleaseTarget target, int revision) {}
    };

    /** Waits double standing in for the operators: marks the resource ready the way the operator would. */
    private final PlatformWaits waits = new PlatformWaits() {
        @Override
        public void deploymentsAvailable(String namespace, Map<String, String> labels, Duration timeout) {
            calls.add("wait deployments " + namespace + " " + labels);
        }

        @Override
        public GenericKubernetesResource resourceReady(
                ResourceDefinitionContext type, String namespace, String name, ReadinessCheck ready, Duration timeout) {
            calls.add("wait " + type.getKind() + " " + namespace + "/" + name + " until " + ready.description());
            GenericKubernetesResource resource = client.genericKubernetesResources(type)
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
            assertThat(resource).as(type.getKind() + " applied before the wait").isNotNull();
            assertThat(ready.isReady(resource))
                    .as("not ready before the operator acts")
                    .isFalse();
            afterReady.run();
            return resource;
        }
    };

    /** Runs when the operator has marked the resource ready, as a real operator's next act would. */
    private volatile Runnable afterReady = () -> {};

    private CloudNativePgPostgres postgres() {
        return postgres(Duration.ofMinutes(5));
    }

    private CloudNativePgPostgres postgres(Duration timeout) {
        return postgres(timeout, client);
    }

    private CloudNativePgPostgres postgres(Duration timeout, KubernetesClient kube) {
        return new CloudNativePgPostgres(
                new ReleaseConverger(helm),
                waits,
                path -> kube,
                ChartSource.parse("https://cloudnative-pg.github.io/charts#cloudnative-pg", "0.29.0", Path.of(".")),
                timeout);
    }

    /** The mock server's client without fabric8's own retries of 5xx answers: the service's retry is what is tested. */
    private KubernetesClient clientWithoutRetries() {
        return new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration())
                        .withRequestRetryBackoffLimit(0)
                        .build())
                .build();
    }

    /** What the API server answers while the operator's webhook Service has no ready pod behind it. */
    private void webhookWithoutEndpoints(int times) {
        String message =
                "Internal error occurred: failed calling webhook \\\"mcluster.cnpg.io\\\": failed to call webhook: Post"
                        + " \\\"https://cnpg-webhook-service.cnpg-system.svc:443/mutate-postgresql-cnpg-io-v1-cluster?timeout=10s\\\":"
                        + " no endpoints available for service \\\"cnpg-webhook-service\\\"";
        String status =
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                        + message + "\",\"reason\":\"InternalError\",\"details\":{\"causes\":[{\"message\":\"" + message
                        + "\"}]},\"code\":500}";
        var expectation = server.expect()
                .post()
                .withPath("/apis/postgresql.cnpg.io/v1/namespaces/ghillie/clusters")
                .andReturn(500, status);
        if (times < 0) {
            expectation.always();
        } else {
            expectation.times(times);
        }
    }

    private HyperspikeValkey valkey() {
        return new HyperspikeValkey(
                new ReleaseConverger(helm),
                waits,
                path -> client,
                ChartSource.parse("oci://ghcr.io/hyperspike/valkey-operator", "v0.0.61-chart", Path.of(".")),
                Duration.ofMinutes(5));
    }

    private ValkeyIoValkey valkeyIo() {
        return new ValkeyIoValkey(
                new ReleaseConverger(helm),
                waits,
                path -> client,
                ChartSource.parse("https://valkey.io/valkey-helm/#valkey-operator", "0.4.0", Path.of(".")),
                Duration.ofMinutes(5));
    }

    private String secretValue(String name, String key) {
        var secret = client.secrets().inNamespace("ghillie").withName(name).get();
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private void secret(String name, String key, String value) {
        client.secrets()
                .inNamespace("ghillie")
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .addToData(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))
                        .build())
                // not create(): under load the client may retry a POST the server already took, which answers 409
                .createOr(NonDeletingOperation::update);
    }

    @Test
    void postgresInstallsTheOperatorAppliesAClusterAndReadsTheAppUri() {
        secret("pg-ghillie-app", "uri", "postgresql://ghillie:pg-Secret-1@pg-ghillie-rw.ghillie:5432/ghillie");

        PlatformService.Result result = postgres().ensure(kubeconfig, "ghillie");

        assertThat(result.url().reveal())
                .isEqualTo("postgresql://ghillie:pg-Secret-1@pg-ghillie-rw.ghillie:5432/ghillie");
        assertThat(result.url().toString()).isEqualTo("****");
        assertThat(result.summary())
                .doesNotContain("pg-Secret-1")
                .isEqualTo("operator installed revision 1, Cluster pg-ghillie ready");
        assertThat(calls)
                .containsExactly(
                        "helm upgrade --install cnpg -n cnpg-system https://cloudnative-pg.github.io/charts#cloudnative-pg@0.29.0",
                        "wait deployments cnpg-system {app.kubernetes.io/instance=cnpg}",
                        "wait Cluster ghillie/pg-ghillie until condition Ready=True or phase 'Cluster in healthy state'");
        GenericKubernetesResource cluster = client.genericKubernetesResources(CloudNativePgPostgres.TYPE)
                .inNamespace("ghillie")
                .withName("pg-ghillie")
                .get();
        assertThat(cluster.getAdditionalProperties().get("spec"))
                .isEqualTo(Map.of(
                        "instances",
                        1,
                        "storage",
                        Map.of("size", "1Gi"),
                        "bootstrap",
                        Map.of("initdb", Map.of("database", "ghillie", "owner", "ghillie"))));
        assertThat(client.namespaces().withName("ghillie").get()).isNotNull();
    }

    @Test
    void aSecondRunDoesNotReinstallTheOperator() {
        secret("pg-ghillie-app", "uri", "postgresql://u:p@h:5432/d");
        CloudNativePgPostgres postgres = postgres();
        postgres.ensure(kubeconfig, "ghillie");
        calls.clear();

        PlatformService.Result again = postgres.ensure(kubeconfig, "ghillie");

        assertThat(calls).noneMatch(call -> call.startsWith("helm"));
        assertThat(again.summary()).startsWith("operator unchanged at revision 1");
    }

    @Test
    void aClusterSecretWithoutUriIsExplained() {
        secret("pg-ghillie-app", "password", "pw");

        // The key is waited for until the step's deadline: a short one keeps the test short.
        assertThatThrownBy(() -> postgres(Duration.ofSeconds(2)).ensure(kubeconfig, "ghillie"))
                .isInstanceOf(PreviewException.class)
                .hasMessageStartingWith(
                        "Cluster ghillie/pg-ghillie is ready but its Secret pg-ghillie-app has no 'uri' key after 2.0s:")
                .hasMessageNotContaining("pw");
    }

    @Test
    void aMissingClusterSecretIsExplainedAtTheDeadline() {
        assertThatThrownBy(() -> postgres(Duration.ofSeconds(2)).ensure(kubeconfig, "ghillie"))
                .isInstanceOf(PreviewException.class)
                .hasMessageStartingWith(
                        "Cluster ghillie/pg-ghillie is ready but its Secret pg-ghillie-app does not exist after 2.0s:");
    }

    @Test
    void aSecretTheOperatorWritesAMomentAfterReadinessIsWaitedFor() throws Exception {
        // As CloudNativePG may: the Cluster reports ready, its app Secret lands a moment later.
        Thread writer = Thread.ofVirtual().unstarted(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            secret("pg-ghillie-app", "uri", "postgresql://ghillie:late@pg-ghillie-rw.ghillie:5432/ghillie");
        });
        afterReady = writer::start;

        PlatformService.Result result = postgres().ensure(kubeconfig, "ghillie");

        writer.join();
        assertThat(result.url().reveal()).isEqualTo("postgresql://ghillie:late@pg-ghillie-rw.ghillie:5432/ghillie");
    }

    @Test
    void valkeyAppliesAOneNodeValkeyAndFormsTheUrlFromItsSecret() {
        secret("valkey-ghillie", "password", "v@lkey/Pw");

        PlatformService.Result result = valkey().ensure(kubeconfig, "ghillie");

        assertThat(result.url().reveal()).isEqualTo("redis://:v%40lkey%2FPw@valkey-ghillie.ghillie:6379");
        assertThat(calls)
                .containsExactly(
                        "helm upgrade --install valkey-operator -n valkey-operator-system oci://ghcr.io/hyperspike/valkey-operator@v0.0.61-chart",
                        "wait deployments valkey-operator-system {app.kubernetes.io/instance=valkey-operator}",
                        "wait Valkey ghillie/valkey-ghillie until status.ready=true");
        GenericKubernetesResource valkey = client.genericKubernetesResources(HyperspikeValkey.TYPE)
                .inNamespace("ghillie")
                .withName("valkey-ghillie")
                .get();
        assertThat(valkey.getAdditionalProperties().get("spec"))
                .isEqualTo(Map.of("nodes", 1, "replicas", 0, "volumePermissions", true));
    }

    @Test
    void theClusterIsCreatedOnceTheOperatorsWebhookHasEndpoints() {
        // The operator's Deployment is Available, but the webhook's Service has no endpoints yet.
        webhookWithoutEndpoints(2);
        secret("pg-ghillie-app", "uri", "postgresql://u:p@h:5432/d");

        try (KubernetesClient kube = clientWithoutRetries()) {
            PlatformService.Result result =
                    postgres(Duration.ofMinutes(5), kube).ensure(kubeconfig, "ghillie");

            assertThat(result.summary()).endsWith("Cluster pg-ghillie ready");
        }
        assertThat(client.genericKubernetesResources(CloudNativePgPostgres.TYPE)
                        .inNamespace("ghillie")
                        .withName("pg-ghillie")
                        .get())
                .isNotNull();
    }

    @Test
    void aWebhookThatNeverServesIsOneLineAtTheDeadline() {
        webhookWithoutEndpoints(-1);

        try (KubernetesClient kube = clientWithoutRetries()) {
            assertThatThrownBy(() -> postgres(Duration.ofSeconds(2), kube).ensure(kubeconfig, "ghillie"))
                    .isInstanceOf(PreviewException.class)
                    .hasMessageStartingWith(
                            "Cluster ghillie/pg-ghillie could not be created: the operator's admission webhook did not"
                                    + " answer in time (")
                    .hasMessageContaining("no endpoints available for service \"cnpg-webhook-service\"")
                    .hasMessageEndingWith(
                            "check the operator's pods: kubectl -n cnpg-system get pods, then run up again")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void valkeyIoGetsAUsersSecretWithAGeneratedPasswordAndAOneShardCluster() {
        PlatformService.Result result = valkeyIo().ensure(kubeconfig, "ghillie");

        // The operator generates no client password: the service wrote one where the operator looks by default.
        String password = secretValue("valkey-ghillie-users", "default");
        assertThat(password).matches("[A-Za-z0-9]{32}");
        assertThat(result.url().reveal()).isEqualTo("redis://:" + password + "@valkey-valkey-ghillie.ghillie:6379");
        assertThat(result.url().toString()).doesNotContain(password);
        assertThat(result.summary())
                .doesNotContain(password)
                .isEqualTo("operator installed revision 1, ValkeyCluster valkey-ghillie ready");
        assertThat(calls)
                .containsExactly(
                        "helm upgrade --install valkey-operator -n valkey-operator-system https://valkey.io/valkey-helm/#valkey-operator@0.4.0",
                        "wait deployments valkey-operator-system {app.kubernetes.io/instance=valkey-operator}",
                        "wait ValkeyCluster ghillie/valkey-ghillie until status.state=Ready or condition Ready=True, for the current generation");
        GenericKubernetesResource cluster = client.genericKubernetesResources(ValkeyIoValkey.TYPE)
                .inNamespace("ghillie")
                .withName("valkey-ghillie")
                .get();
        assertThat(cluster.getApiVersion()).isEqualTo("valkey.io/v1alpha1");
        assertThat(cluster.getAdditionalProperties().get("spec"))
                .isEqualTo(Map.of(
                        "shards",
                        1,
                        "replicas",
                        0,
                        "exporter",
                        Map.of("enabled", false),
                        "users",
                        List.of(Map.of("name", "default", "permissions", "+@all ~* &*"))));
        assertThat(client.secrets()
                        .inNamespace("ghillie")
                        .withName("valkey-ghillie-users")
                        .get()
                        .getMetadata()
                        .getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "ghillie-preview");
    }

    private static String status(int code, String reason, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
    }

    @Test
    void aClusterWithoutTheOperatorsCrdIsOneLineNotAnInternalError() {
        // E.g. hyperspike's release valkey-operator was installed before: Helm never installs a new chart's CRDs on
        // upgrade.
        server.expect()
                .post()
                .withPath("/apis/valkey.io/v1alpha1/namespaces/ghillie/valkeyclusters")
                .andReturn(404, status(404, "NotFound", "the server could not find the requested resource"))
                .always();

        assertThatThrownBy(() -> valkeyIo().ensure(kubeconfig, "ghillie"))
                .isInstanceOf(PreviewException.class)
                .hasMessageStartingWith(
                        "ValkeyCluster ghillie/valkey-ghillie could not be created (HTTP 404: the server could not find"
                                + " the requested resource)")
                .hasMessageContaining("valkey.io/v1alpha1")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aRefusedUsersSecretIsOneLineWithoutWhatTheServerEchoes() {
        server.expect()
                .post()
                .withPath("/api/v1/namespaces/ghillie/secrets")
                .andReturn(403, status(403, "Forbidden", "secrets is forbidden: request {data: {default: c2VjcmV0}}"))
                .always();

        assertThatThrownBy(() -> valkeyIo().ensure(kubeconfig, "ghillie"))
                .isInstanceOf(PreviewException.class)
                .hasMessageStartingWith("Could not write Secret valkey-ghillie-users in namespace ghillie (HTTP 403)")
                .hasMessageNotContaining("c2VjcmV0")
                .hasMessageNotContaining("\n")
                .hasNoCause();
    }

    @Test
    void aForbiddenNamespaceIsOneLineNotAnInternalError() {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/ghillie")
                .andReturn(
                        403,
                        status(403, "Forbidden", "namespaces \\\"ghillie\\\" is forbidden: User cannot get resource"))
                .always();

        assertThatThrownBy(() -> postgres().ensure(kubeconfig, "ghillie"))
                .isInstanceOf(PreviewException.class)
                .hasMessageStartingWith("Could not read or create namespace ghillie (HTTP 403: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anUnreadableOperatorSecretIsOneLineNotAnInternalError() {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/ghillie/secrets/pg-ghillie-app")
                .andReturn(403, status(403, "Forbidden", "secrets \\\"pg-ghillie-app\\\" is forbidden"))
                .always();

        assertThatThrownBy(() -> postgres().ensure(kubeconfig, "ghillie"))
                .isInstanceOf(PreviewException.class)
                .hasMessageStartingWith("Could not read Secret ghillie/pg-ghillie-app (HTTP 403: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void valkeyIoKeepsThePasswordAcrossRuns() {
        ValkeyIoValkey valkey = valkeyIo();
        String first = valkey.ensure(kubeconfig, "ghillie").url().reveal();

        String second = valkey.ensure(kubeconfig, "ghillie").url().reveal();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void valkeyIoUsesAPasswordAlreadyInTheUsersSecret() {
        secret("valkey-ghillie-users", "default", "mine with space+plus");

        PlatformService.Result result = valkeyIo().ensure(kubeconfig, "ghillie");

        assertThat(result.url().reveal())
                .isEqualTo("redis://:mine%20with%20space%2Bplus@valkey-valkey-ghillie.ghillie:6379");
    }

    @Test
    void aUsersSecretWrittenBeforeTheDataLabelGetsItAndKeepsItsPassword() {
        secret("valkey-ghillie-users", "default", "from an older up");

        valkeyIo().ensure(kubeconfig, "ghillie");

        assertThat(client.secrets()
                        .inNamespace("ghillie")
                        .withName("valkey-ghillie-users")
                        .get()
                        .getMetadata()
                        .getLabels())
                .containsEntry(PreviewData.DATA_SERVICE_LABEL, "valkey");
        assertThat(secretValue("valkey-ghillie-users", "default")).isEqualTo("from an older up");
    }

    @Test
    void valkeyClusterReadinessFollowsTheOperatorsState() {
        ReadinessCheck ready = ValkeyIoValkey.clusterReady();
        GenericKubernetesResource cluster = ValkeyIoValkey.valkeyCluster("ghillie");
        assertThat(ready.isReady(cluster)).isFalse();

        cluster.getAdditionalProperties()
                .put(
                        "status",
                        Map.of(
                                "state",
                                "Reconciling",
                                "conditions",
                                List.of(Map.of("type", "Ready", "status", "False", "reason", "MissingShards"))));
        assertThat(ready.isReady(cluster)).isFalse();

        cluster.getAdditionalProperties()
                .put(
                        "status",
                        Map.of(
                                "state",
                                "Ready",
                                "reason",
                                "ClusterHealthy",
                                "conditions",
                                List.of(Map.of("type", "Ready", "status", "True", "reason", "ClusterHealthy"))));
        assertThat(ready.isReady(cluster)).isTrue();
    }
}
