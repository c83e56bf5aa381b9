package dev.ghillie.preview.lifecycle;

import com.sun.net.httpserver.HttpServer;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.cluster.ClusterSpec;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.cluster.ImageImportMode;
import dev.ghillie.preview.cluster.K3d;
import dev.ghillie.preview.cluster.K3dCluster;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.HelmStorageSecret;
import dev.ghillie.preview.kube.TestCrds;
import dev.ghillie.preview.platform.OperatorTarget;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.ValkeyOperator;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
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

/**
 * A whole preview for {@code preview:status} on fabric8's mock API server, as {@code up} leaves it (operators, data
 * services, the app Secret, the app's pods), and a local HTTP server playing the app's URL; each method changes one part.
 */
final class MockPreview implements AutoCloseable {

    static final String NS = "ghillie";
    static final String DATABASE_URL = "postgresql://ghillie:pg-Secret-1@pg-ghillie-rw.ghillie:5432/ghillie";

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path tmp;
    final HttpServer app;
    volatile int readyStatus = 200;
    volatile String readyBody = "{\"status\":\"ready\",\"checks\":{\"database\":\"ok\",\"valkey\":\"ok\"}}";

    MockPreview(KubernetesMockServer server, KubernetesClient client, Path tmp) throws java.io.IOException {
        this.server = server;
        this.client = client;
        this.tmp = tmp;
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"ok\"}"));
        app.createContext("/ready", exchange -> answer(exchange, readyStatus, readyBody));
        app.start();
        helmRevision(2, "deployed", "Upgrade complete");
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        app.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + app.getAddress().getPort();
    }

    /** Both operators available, both instances ready, the Secret with both keys, one ready pod. */
    void healthyPreview() {
        operator("cnpg-system", "cnpg", true);
        operator("valkey-operator-system", "valkey-operator", true);
        instance(
                OperatorTarget.postgres(),
                Map.of(
                        "phase",
                        "Cluster in healthy state",
                        "conditions",
                        List.of(Map.of("type", "Ready", "status", "True"))));
        instance(OperatorTarget.valkey(ValkeyOperator.VALKEY_IO), Map.of("state", "Ready"));
        appSecret(Map.of(
                "DATABASE_URL", DATABASE_URL, "VALKEY_URL", "redis://:vk-Secret-2@valkey-valkey-ghillie.ghillie:6379"));
        pod("ghillie-7b9f55bd6b-p7w5f", running());
    }

    void operator(String namespace, String release, boolean available) {
        Map<String, String> labels = Map.of("app.kubernetes.io/instance", release, "app.kubernetes.io/name", release);
        client.apps()
                .deployments()
                .inNamespace(namespace)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(release + "-controller")
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .withNewSelector()
                        .withMatchLabels(labels)
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("manager")
                        .withImage("operator:1")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(release + "-controller")
                .editStatus(d -> new DeploymentBuilder(d)
                        .withStatus(new DeploymentStatusBuilder()
                                .withObservedGeneration(d.getMetadata().getGeneration())
                                .withReplicas(1)
                                .withUpdatedReplicas(1)
                                .withAvailableReplicas(available ? 1 : 0)
                                .withReadyReplicas(available ? 1 : 0)
                                .build())
                        .build());
    }

    /** The instance up applies, with the status its operator wrote. */
    void instance(OperatorTarget target, Map<String, Object> status) {
        ResourceDefinitionContext type = target.type();
        if (client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(type.getPlural() + "." + type.getGroup())
                        .get()
                == null) {
            client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .resource(TestCrds.withStatus(type))
                    .create();
        }
        client.genericKubernetesResources(type)
                .inNamespace(NS)
                .resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion(type.getGroup() + "/" + type.getVersion())
                        .withKind(type.getKind())
                        .withNewMetadata()
                        .withName(target.instance())
                        .withNamespace(NS)
                        .endMetadata()
                        .addToAdditionalProperties("spec", Map.of("instances", 1))
                        .build())
                .create();
        client.genericKubernetesResources(type)
                .inNamespace(NS)
                .withName(target.instance())
                .editStatus(r -> {
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

    void appSecret(Map<String, String> data) {
        Map<String, String> encoded = new HashMap<>();
        data.forEach((key, value) ->
                encoded.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        client.secrets()
                .inNamespace(NS)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("ghillie")
                        .endMetadata()
                        .withData(encoded)
                        .build())
                .create();
    }

    void pod(String name, ContainerStatus status) {
        boolean ready = Boolean.TRUE.equals(status.getReady());
        client.pods()
                .inNamespace(NS)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .addToLabels("app.kubernetes.io/instance", "ghillie")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("ghillie")
                        .withImage("ghillie:dev")
                        .endContainer()
                        .endSpec()
                        .withNewStatus()
                        .withPhase("Running")
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus(ready ? "True" : "False")
                        .endCondition()
                        .withContainerStatuses(status)
                        .endStatus()
                        .build())
                .create();
    }

    static ContainerStatus running() {
        return new ContainerStatusBuilder()
                .withName("ghillie")
                .withImage("ghillie:dev")
                .withReady(true)
                .withRestartCount(0)
                .withNewState()
                .withNewRunning()
                .withStartedAt("2026-11-25T10:00:00Z")
                .endRunning()
                .endState()
                .build();
    }

    static ContainerStatus crashLooping() {
        return new ContainerStatusBuilder()
                .withName("ghillie")
                .withImage("ghillie:dev")
                .withReady(false)
                .withRestartCount(4)
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .withMessage("back-off 1m20s restarting failed container=ghillie pod=ghillie-7b9f55bd6b-p7w5f")
                .endWaiting()
                .endState()
                .withNewLastState()
                .withNewTerminated()
                .withExitCode(1)
                .withReason("Error")
                .endTerminated()
                .endLastState()
                .build();
    }

    StatusReport status() throws Exception {
        return status(ProgressSink.silent());
    }

    /** With {@code timings} told how long each part took, as {@code preview:status -X} logs it. */
    StatusReport status(ProgressSink timings) throws Exception {
        Path kubeconfig = MockServerKubeconfig.write(tmp.resolve("kubeconfig.yaml"), server);
        PreviewRecord record = new PreviewRecord(
                "ghillie-local",
                NS,
                "ghillie",
                url(),
                "ingress",
                "ghillie:dev",
                "sha256:1",
                kubeconfig.toString(),
                List.of("postgresql", "valkey"),
                Map.of());
        return new PreviewStatus(k3d(kubeconfig, true), timings).report(settings(), Optional.of(record));
    }

    PreviewSettings settings() {
        ChartSource chart = new ChartSource.Local(tmp);
        return PreviewSettings.builder()
                .clusterTimeout(Duration.ofMinutes(3))
                .namespace(NS)
                .chartDir(tmp)
                .platform(new PlatformSettings(true, true, chart, chart, Duration.ofMinutes(5)))
                .projectDir(tmp)
                .workDir(tmp)
                .build();
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
                return exists
                        ? Optional.of(new K3dCluster(
                                name,
                                1,
                                1,
                                0,
                                0,
                                Optional.of(new HostPort("127.0.0.1", 6550)),
                                Optional.of(new HostPort("127.0.0.1", 1))))
                        : Optional.empty();
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

    /** A revision of the release as Helm stores it, which status reads. */
    void helmRevision(int revision, String status, String description) {
        client.secrets()
                .inNamespace(NS)
                .resource(HelmStorageSecret.of("ghillie", revision, status, description, true))
                .create();
    }
}
