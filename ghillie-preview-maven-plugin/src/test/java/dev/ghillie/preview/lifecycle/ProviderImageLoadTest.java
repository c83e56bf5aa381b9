package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.cluster.ClusterAction;
import dev.ghillie.preview.cluster.DockerCheck;
import dev.ghillie.preview.cluster.FakeK3d;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.cluster.LoopbackPorts;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.image.ImageTarget;
import dev.ghillie.preview.image.ServiceBuild;
import dev.ghillie.preview.provider.existing.ExistingClusterProvider;
import dev.ghillie.preview.provider.kind.KindProvider;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.ProviderKind;
import dev.ghillie.preview.settings.ProviderSettings;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image load step through the kind and existing providers. */
@EnableKubernetesMockClient(crud = true, https = false)
class ProviderImageLoadTest {

    KubernetesMockServer server;

    @TempDir
    Path tmp;

    private PreviewSettings settings(ProviderSettings provider, Map<String, String> environment) throws Exception {
        Path chart = Files.createDirectories(tmp.resolve("charts/ghillie"));
        PlatformSettings platform = new PlatformSettings(
                false, false, new ChartSource.Local(chart), new ChartSource.Local(chart), Duration.ofMinutes(1));
        return PreviewSettings.builder()
                .clusterTimeout(Duration.ofSeconds(30))
                .chartDir(chart)
                .access(AccessMode.PORT_FORWARD)
                .platform(platform)
                .rolloutTimeout(Duration.ofSeconds(30))
                .projectDir(tmp)
                .workDir(tmp.resolve("work"))
                .environment(environment)
                .provider(provider)
                .build();
    }

    private PreviewCluster cluster() throws Exception {
        return new PreviewCluster(
                "ghillie-local",
                new HostPort("127.0.0.1", 6550),
                HostPort.NONE,
                MockServerKubeconfig.write(tmp.resolve("kubeconfig.yaml"), server),
                ClusterAction.REUSED,
                List.of());
    }

    @Test
    void kindLoadsTheArchiveOnceAndSkipsItWhenTheNodesHaveIt() throws Exception {
        FakeK3d fake = FakeK3d.withKindAndDocker(tmp.resolve("fake"));
        PreviewSettings settings = settings(ProviderSettings.of(ProviderKind.KIND), fake.environment());
        KindProvider kind = new KindProvider(fake.runner(), DockerCheck.AUTO, settings, new LoopbackPorts());
        kind.ensure();
        Path tar = Files.writeString(tmp.resolve("image.tar"), "not really a tar");
        ImageResult image = new ImageResult(
                "ghillie-runtime:1.0-3f2a9c1d0b7e",
                "sha256:" + "d".repeat(64),
                "sha256:" + "c".repeat(64),
                List.of("1.0-3f2a9c1d0b7e"),
                ImageTarget.TAR,
                Optional.of(tar));
        PreviewCluster cluster = cluster();

        try (KubernetesUpSteps steps = new KubernetesUpSteps(
                settings, ServiceBuild.ALREADY_BUILT, null, kind, null, ProgressSink.silent(), Optional.empty())) {
            assertThat(steps.loadImage(cluster, image).detail()).isEqualTo("loaded into kind cluster ghillie-local");
            assertThat(steps.loadImage(cluster, image).detail()).isEqualTo("already on the nodes, import skipped");
        }
        assertThat(fake.calls())
                .filteredOn(call -> call.startsWith("kind load"))
                .containsExactly("kind load image-archive " + tar + " --name ghillie-local");
    }

    @Test
    void anExistingClustersNodesPullTheImageByDigest() throws Exception {
        PreviewSettings settings = settings(
                new ProviderSettings(
                        ProviderKind.EXISTING, Optional.of(tmp.resolve("kubeconfig.yaml")), Optional.empty(), false),
                Map.of());
        ImageResult pushed = new ImageResult(
                "127.0.0.1:5000/ghillie-runtime:1.0-3f2a9c1d0b7e",
                "sha256:" + "d".repeat(64),
                "sha256:" + "c".repeat(64),
                List.of("1.0-3f2a9c1d0b7e"),
                ImageTarget.REGISTRY,
                Optional.empty());
        PreviewCluster cluster = cluster();

        try (KubernetesUpSteps steps = new KubernetesUpSteps(
                settings,
                ServiceBuild.ALREADY_BUILT,
                null,
                new ExistingClusterProvider(settings),
                null,
                ProgressSink.silent(),
                Optional.empty())) {
            StepReporter.Outcome<ImageResult> outcome = steps.loadImage(cluster, pushed);
            assertThat(outcome.detail())
                    .isEqualTo(
                            "nothing to load: the nodes pull 127.0.0.1:5000/ghillie-runtime@sha256:" + "d".repeat(64));
            assertThat(KubernetesUpSteps.imageValues(outcome.value())).containsEntry("image.digest", pushed.digest());
        }
    }
}
