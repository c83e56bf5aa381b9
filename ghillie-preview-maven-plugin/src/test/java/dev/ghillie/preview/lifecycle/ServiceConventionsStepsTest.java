package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressLines;
import dev.ghillie.preview.SecretValue;
import dev.ghillie.preview.cluster.ClusterAction;
import dev.ghillie.preview.cluster.DockerCheck;
import dev.ghillie.preview.cluster.FakeK3d;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.cluster.Preflight;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.ReleaseRequest;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.image.ImageTarget;
import dev.ghillie.preview.image.ServiceBuild;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.ServiceConventions;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps that depend on the service's conventions, for ghillie-runtime and for another service: the app Secret's
 * name and keys (mock API server), the chart values, and the URL check (a JDK HttpServer standing in for the ingress).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ServiceConventionsStepsTest {

    static final String DIGEST = "sha256:" + "d".repeat(64);
    static final ImageResult IMAGE = new ImageResult(
            "service:1.0-3f2a9c1d0b7e",
            DIGEST,
            "sha256:" + "c".repeat(64),
            List.of("1.0-3f2a9c1d0b7e"),
            ImageTarget.TAR,
            Optional.empty());

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    private HttpServer service;
    private Path kubeconfig;
    private FakeK3d fake;

    @BeforeEach
    void kubeconfig() throws Exception {
        fake = FakeK3d.withK3dAndDocker(tmp.resolve("fake"));
        kubeconfig = MockServerKubeconfig.write(tmp.resolve("kubeconfig.yaml"), server);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop(0);
        }
    }

    /** A service on the loopback answering {@code path} with {@code status} and {@code body}, everything else 404. */
    private int serve(Map<String, String> answers) throws Exception {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            asked.add(path);
            String body = answers.get(path);
            byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        service.start();
        return service.getAddress().getPort();
    }

    private KubernetesUpSteps steps(ServiceConventions conventions) throws Exception {
        Path chart = Files.createDirectories(tmp.resolve("charts/ghillie"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: ghillie\nversion: 0.1.0\n");
        Files.writeString(chart.resolve("values-local.yaml"), "secrets:\n  existingSecretName: ghillie\n");
        Path mine = Files.writeString(tmp.resolve("mine.yaml"), "containerPort: 7070\n");
        PlatformSettings platform = new PlatformSettings(
                false, false, new ChartSource.Local(chart), new ChartSource.Local(chart), Duration.ofMinutes(1));
        PreviewSettings settings = PreviewSettings.builder()
                .clusterTimeout(Duration.ofSeconds(30))
                .chartDir(chart)
                .valuesFiles(List.of(mine))
                .platform(platform)
                .rolloutTimeout(Duration.ofSeconds(5))
                .projectDir(tmp)
                .workDir(tmp.resolve("work"))
                .environment(fake.environment())
                .service(conventions)
                .build();
        return new KubernetesUpSteps(
                settings,
                ServiceBuild.ALREADY_BUILT,
                null,
                fake.k3d(),
                new Preflight(fake.runner()),
                DockerCheck.AUTO,
                null,
                ProgressLines.to(progress::add));
    }

    private PreviewCluster clusterWithIngressOn(int port) {
        return new PreviewCluster(
                "ghillie-local",
                new HostPort("127.0.0.1", 6550),
                new HostPort("127.0.0.1", port),
                kubeconfig,
                ClusterAction.REUSED,
                List.of());
    }

    private static ServiceConventions plainService(String versionCheck) {
        return ServiceConventions.of("9090", "/healthz", null, "", "plain-env", "PG_URL", "CACHE_URL", versionCheck);
    }

    @Test
    void theAppSecretHasTheNameTheSettingsGive() throws Exception {
        try (KubernetesUpSteps steps = steps(plainService(null))) {
            StepReporter.Outcome<String> outcome = steps.appSecret(
                    clusterWithIngressOn(1), Map.of("PG_URL", SecretValue.of("postgresql://app:pw@pg/app")));

            Secret secret = client.secrets()
                    .inNamespace("ghillie")
                    .withName("plain-env")
                    .get();
            assertThat(secret).isNotNull();
            assertThat(secret.getData()).containsOnlyKeys("PG_URL");
            assertThat(client.secrets()
                            .inNamespace("ghillie")
                            .withName("ghillie")
                            .get())
                    .isNull();
            assertThat(outcome.detail()).isEqualTo("Secret plain-env created (PG_URL)");
            // What release gets: the pods roll when the Secret's data changes, and the checksum shows no value.
            assertThat(outcome.value()).hasSize(64).doesNotContain("pw");
            ReleaseRequest request = steps.releaseRequest(clusterWithIngressOn(1), IMAGE, outcome.value());
            assertThat(request.values()).containsEntry(KubernetesUpSteps.SECRET_CHECKSUM_ANNOTATION, outcome.value());
            assertThat(steps.appSecret(
                                    clusterWithIngressOn(1),
                                    Map.of("PG_URL", SecretValue.of("postgresql://app:other@pg/app")))
                            .value())
                    .isNotEqualTo(outcome.value());
        }
    }

    /** Helm merges values files in order: the chart's local values, then these conventions, then the user's own files. */
    @Test
    void theConventionsReachTheChartBetweenItsLocalValuesAndTheUsersFiles() throws Exception {
        try (KubernetesUpSteps steps = steps(plainService(null))) {
            ReleaseRequest request = steps.releaseRequest(clusterWithIngressOn(1), IMAGE, "");

            Path conventions = tmp.resolve("work/service-values.yaml");
            assertThat(request.valuesFiles())
                    .containsExactly(
                            tmp.resolve("charts/ghillie/values-local.yaml"), conventions, tmp.resolve("mine.yaml"));
            assertThat(new ObjectMapper(new YAMLFactory()).readValue(conventions.toFile(), Map.class))
                    .isEqualTo(Map.of(
                            "containerPort",
                            9090,
                            "portVariable",
                            "",
                            "probes",
                            Map.of(
                                    "startup",
                                    Map.of("path", "/healthz"),
                                    "liveness",
                                    Map.of("path", "/healthz"),
                                    "readiness",
                                    Map.of("path", "/healthz")),
                            "secrets",
                            Map.of("existingSecretName", "plain-env")));
        }
    }

    @Test
    void aServiceWithoutVersionIsCheckedOnItsHealthPathAndToldOnceThatTheImageIsNotProved() throws Exception {
        int port = serve(Map.of("/healthz", "ok"));
        try (KubernetesUpSteps steps = steps(plainService(null))) {
            StepReporter.Outcome<PreviewAccess> outcome = steps.access(clusterWithIngressOn(port), IMAGE);

            assertThat(outcome.value().url()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(asked).containsExactly("/healthz", "/version");
            assertThat(progress)
                    .containsExactly("/version answered HTTP 404, not JSON: which image answers is not checked"
                            + " (ghillie.preview.versionCheck=off says so for good)");
        }
    }

    /** A /version that fails (5xx, or no answer at all) is not a service without one: the proof cannot be skipped for it. */
    @Test
    void aFailingVersionIsAFailureNotASkippedCheck() throws Exception {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        service.createContext("/version", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        service.start();
        int port = service.getAddress().getPort();
        try (KubernetesUpSteps steps = steps(ServiceConventions.DEFAULTS)) {
            assertThatThrownBy(() -> steps.access(clusterWithIngressOn(port), IMAGE))
                    .isInstanceOf(PreviewException.class)
                    .hasMessageStartingWith("http://127.0.0.1:" + port + "/version answered HTTP 500");
            assertThat(progress).isEmpty();
        }
    }

    @Test
    void versionCheckOffNeverAsksVersion() throws Exception {
        int port = serve(Map.of("/healthz", "ok", "/version", "{\"imageDigest\":\"sha256:old\"}"));
        try (KubernetesUpSteps steps = steps(plainService("off"))) {
            steps.access(clusterWithIngressOn(port), IMAGE);

            assertThat(asked).containsExactly("/healthz");
            assertThat(progress).isEmpty();
        }
    }

    @Test
    void aJsonVersionMustReportTheImageJustBuilt() throws Exception {
        int port = serve(Map.of("/health", "{}", "/version", "{\"imageDigest\":\"sha256:old\"}"));
        try (KubernetesUpSteps steps = steps(ServiceConventions.DEFAULTS)) {
            assertThatThrownBy(() -> steps.access(clusterWithIngressOn(port), IMAGE))
                    .isInstanceOf(PreviewException.class)
                    .hasMessageStartingWith("http://127.0.0.1:" + port
                            + "/version reports image sha256:old, not the one just built (" + DIGEST + ")")
                    .hasMessageEndingWith(
                            "a service whose /version reports no imageDigest sets ghillie.preview.versionCheck=off");
        }
    }

    @Test
    void ghillieRuntimesVersionProvesTheImage() throws Exception {
        int port =
                serve(Map.of("/health", "{}", "/version", "{\"version\":\"1.0\",\"imageDigest\":\"" + DIGEST + "\"}"));
        try (KubernetesUpSteps steps = steps(ServiceConventions.DEFAULTS)) {
            steps.access(clusterWithIngressOn(port), IMAGE);

            assertThat(asked).containsExactly("/health", "/version");
            assertThat(progress).isEmpty();
        }
    }

    @Test
    void aHealthPathThatNeverAnswersNamesTheSetting() throws Exception {
        int port = serve(Map.of("/health", "ok"));
        try (KubernetesUpSteps steps = steps(plainService(null))) {
            assertThatThrownBy(() -> steps.access(clusterWithIngressOn(port), IMAGE))
                    .isInstanceOf(PreviewException.class)
                    .hasMessageStartingWith(
                            "http://127.0.0.1:" + port + "/healthz did not answer 200 within 5.0s (last: HTTP 404)")
                    .hasMessageEndingWith("that the service answers ghillie.preview.healthPath (/healthz)");
        }
    }
}
