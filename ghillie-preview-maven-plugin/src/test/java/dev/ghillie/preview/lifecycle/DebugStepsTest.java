package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.cluster.ClusterAction;
import dev.ghillie.preview.cluster.FakeK3d;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.ReleaseRequest;
import dev.ghillie.preview.image.ServiceBuild;
import dev.ghillie.preview.provider.K3dProvider;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.DebugPort;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.ServiceConventions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -Dghillie.preview.debug}: the chart value reaches the release, and the URL step opens the debugger's forward. */
@EnableKubernetesMockClient(crud = true, https = false)
class DebugStepsTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    private HttpServer service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop(0);
        }
    }

    private KubernetesUpSteps steps(Optional<DebugPort> debug) throws Exception {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp.resolve("fake"));
        Path chart = Files.createDirectories(tmp.resolve("charts/ghillie"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: ghillie\nversion: 0.1.0\n");
        PlatformSettings platform = new PlatformSettings(
                false, false, new ChartSource.Local(chart), new ChartSource.Local(chart), Duration.ofMinutes(1));
        PreviewSettings settings = PreviewSettings.builder()
                .clusterName("ghillie-local")
                .clusterTimeout(Duration.ofSeconds(30))
                .namespace("ghillie")
                .release("ghillie")
                .chartDir(chart)
                .access(AccessMode.INGRESS)
                .platform(platform)
                .rolloutTimeout(Duration.ofSeconds(5))
                .projectDir(tmp)
                .workDir(tmp.resolve("work"))
                .environment(fake.environment())
                .service(ServiceConventions.of(null, null, null, null, null, null, null, "off"))
                .build();
        return new KubernetesUpSteps(
                settings,
                ServiceBuild.ALREADY_BUILT,
                null,
                new K3dProvider(fake.k3d(), settings),
                null,
                ProgressSink.silent(),
                debug);
    }

    private PreviewCluster cluster(int ingressPort) throws Exception {
        return new PreviewCluster(
                "ghillie-local",
                new HostPort("127.0.0.1", 6550),
                new HostPort("127.0.0.1", ingressPort),
                MockServerKubeconfig.write(tmp.resolve("kubeconfig.yaml"), server),
                ClusterAction.REUSED,
                List.of());
    }

    @Test
    void theDebugPortIsAChartValueSoTurningItOnOrOffChangesTheRelease() throws Exception {
        ReleaseRequest plain;
        try (KubernetesUpSteps steps = steps(Optional.empty())) {
            plain = steps.releaseRequest(cluster(1), ServiceConventionsStepsTest.IMAGE, "");
        }
        try (KubernetesUpSteps steps = steps(Optional.of(new DebugPort(5005)))) {
            ReleaseRequest debugging = steps.releaseRequest(cluster(1), ServiceConventionsStepsTest.IMAGE, "");

            assertThat(plain.values()).doesNotContainKey("debug.port");
            assertThat(debugging.values()).containsEntry("debug.port", "5005");
            assertThat(debugging.fingerprint()).isNotEqualTo(plain.fingerprint());
        }
    }

    @Test
    void theUrlStepOpensTheDebuggersForwardAndClosingTheAccessClosesIt() throws Exception {
        int debugPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            debugPort = free.getLocalPort();
        }
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        service.start();
        client.pods()
                .inNamespace("ghillie")
                .resource(DebuggablePod.ready("ghillie-abc", debugPort))
                .create();

        try (KubernetesUpSteps steps = steps(Optional.of(new DebugPort(debugPort)))) {
            StepReporter.Outcome<PreviewAccess> outcome =
                    steps.access(cluster(service.getAddress().getPort()), ServiceConventionsStepsTest.IMAGE);

            DebugForward debugger = outcome.value().debugger().orElseThrow();
            assertThat(debugger.isAlive()).isTrue();
            assertThat(outcome.detail())
                    .endsWith(", debugger 127.0.0.1:" + debugPort + " -> pod/ghillie-abc:" + debugPort);
            outcome.value().session().close();
            assertThat(debugger.isAlive()).isFalse();
        }
    }
}
