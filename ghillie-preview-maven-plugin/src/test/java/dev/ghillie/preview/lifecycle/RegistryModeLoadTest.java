package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.cluster.ClusterAction;
import dev.ghillie.preview.cluster.ClusterException;
import dev.ghillie.preview.cluster.DockerCheck;
import dev.ghillie.preview.cluster.FakeK3d;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.cluster.K3dRegistry;
import dev.ghillie.preview.cluster.Preflight;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.image.ImageTarget;
import dev.ghillie.preview.image.ServiceBuild;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image-load step in registry mode against fabric8's mock API server: what the nodes pull, and refusals. */
@EnableKubernetesMockClient(crud = true, https = false)
class RegistryModeLoadTest {

    static final K3dRegistry REGISTRY = K3dRegistry.parse("k3d-ghillie-registry:5001");
    static final ImageResult PUSHED = new ImageResult(
            "127.0.0.1:5001/ghillie-runtime:1.0-3f2a9c1d0b7e",
            "sha256:" + "d".repeat(64),
            "sha256:" + "c".repeat(64),
            List.of("1.0-3f2a9c1d0b7e", "1.0"),
            ImageTarget.REGISTRY,
            Optional.empty());

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    KubernetesUpSteps steps;
    PreviewCluster cluster;

    @BeforeEach
    void steps() throws Exception {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp.resolve("fake"));
        Path chart = Files.createDirectories(tmp.resolve("charts/ghillie"));
        PlatformSettings platform = new PlatformSettings(
                false, false, new ChartSource.Local(chart), new ChartSource.Local(chart), Duration.ofMinutes(1));
        PreviewSettings settings = PreviewSettings.builder()
                .clusterTimeout(Duration.ofSeconds(30))
                .chartDir(chart)
                .access(AccessMode.PORT_FORWARD)
                .platform(platform)
                .rolloutTimeout(Duration.ofSeconds(30))
                .projectDir(tmp)
                .workDir(tmp.resolve("work"))
                .registry(Optional.of(REGISTRY))
                .environment(fake.environment())
                .build();
        steps = new KubernetesUpSteps(
                settings,
                ServiceBuild.ALREADY_BUILT,
                null,
                fake.k3d(),
                new Preflight(fake.runner()),
                DockerCheck.AUTO,
                null,
                ProgressSink.silent());
        Path kubeconfig = MockServerKubeconfig.write(tmp.resolve("kubeconfig.yaml"), server);
        cluster = new PreviewCluster(
                "ghillie-local",
                new HostPort("127.0.0.1", 6550),
                new HostPort("127.0.0.1", 8081),
                kubeconfig,
                ClusterAction.REUSED,
                List.of());
    }

    @AfterEach
    void close() {
        steps.close();
    }

    private void advertise(String host, String fromRuntime) {
        client.configMaps()
                .inNamespace("kube-public")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("local-registry-hosting")
                        .endMetadata()
                        .addToData(
                                "localRegistryHosting.v1",
                                "host: " + host + "\nhostFromContainerRuntime: " + fromRuntime + "\n")
                        .build())
                .create();
    }

    @Test
    void theNodesPullTheImageByTheNameTheClusterAdvertises() {
        advertise("127.0.0.1:5001", "k3d-ghillie-registry:5000");

        StepReporter.Outcome<ImageResult> outcome = steps.loadImage(cluster, PUSHED);

        assertThat(outcome.value().reference()).isEqualTo("k3d-ghillie-registry:5000/ghillie-runtime:1.0-3f2a9c1d0b7e");
        assertThat(outcome.value().digest()).isEqualTo(PUSHED.digest());
        assertThat(outcome.detail())
                .isEqualTo(
                        "nothing to import: the nodes pull k3d-ghillie-registry:5000/ghillie-runtime:1.0-3f2a9c1d0b7e");
        // The release pins what the nodes pull by digest: a pulled image has a repository digest.
        assertThat(KubernetesUpSteps.imageValues(outcome.value()))
                .containsEntry("image.repository", "k3d-ghillie-registry:5000/ghillie-runtime")
                .containsEntry("image.digest", PUSHED.digest());
    }

    @Test
    void aClusterWithoutThatRegistryIsOneLineSayingWhatToDo() {
        String expected =
                "cluster ghillie-local was not created with registry k3d-ghillie-registry:5001 (ghillie.preview.registry),"
                        + " so its nodes cannot pull from it: remove the cluster (mvn preview:down) and run up again to create it with"
                        + " --registry-use, or unset the setting";

        assertThatThrownBy(() -> steps.loadImage(cluster, PUSHED))
                .isInstanceOf(ClusterException.class)
                .hasMessage(expected);
        advertise("127.0.0.1:5002", "k3d-other-registry:5000");
        assertThatThrownBy(() -> steps.loadImage(cluster, PUSHED))
                .isInstanceOf(ClusterException.class)
                .hasMessage(expected);
    }

    @Test
    void anotherRegistryOnTheSamePortIsNotOurs() {
        advertise("127.0.0.1:5001", "k3d-other-registry:5000");

        assertThatThrownBy(() -> steps.loadImage(cluster, PUSHED))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith(
                        "cluster ghillie-local was not created with registry k3d-ghillie-registry:5001");
    }
}
