package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.ProgressLines;
import dev.ghillie.preview.SecretValue;
import dev.ghillie.preview.cluster.ClusterAction;
import dev.ghillie.preview.cluster.DockerCheck;
import dev.ghillie.preview.cluster.FakeK3d;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.cluster.Preflight;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.image.DockerArchive;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.image.ImageSettings;
import dev.ghillie.preview.image.PlatformBaseImages;
import dev.ghillie.preview.image.ServiceBuild;
import dev.ghillie.preview.lifecycle.StepReporter.Outcome;
import dev.ghillie.preview.settings.PlatformSelection;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up} builds the image for the cluster's nodes: their {@code kubernetes.io/arch} is read from the cluster
 * (fabric8's mock API server), whatever this machine is, and the image line says which platform was built. The image
 * step is the real one (Jib onto a multi-platform tar base); the steps around it only hand on what they are given.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class NodePlatformTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    /** The image step done for real by {@link KubernetesUpSteps}; every other step returns at once. */
    private record RealImageStep(KubernetesUpSteps real, PreviewCluster existing) implements UpSteps {
        @Override
        public Outcome<Void> preflight() {
            return Outcome.of(null, "");
        }

        @Override
        public Outcome<PreviewCluster> cluster() {
            return Outcome.of(existing, "reused");
        }

        @Override
        public Outcome<ImageResult> buildImage(Supplier<PreviewCluster> c) {
            return real.buildImage(c);
        }

        @Override
        public Outcome<ImageResult> loadImage(PreviewCluster c, ImageResult i) {
            return Outcome.of(i, "");
        }

        @Override
        public Outcome<Optional<SecretValue>> postgres(PreviewCluster c) {
            throw new AssertionError("platform=none");
        }

        @Override
        public Outcome<Optional<SecretValue>> valkey(PreviewCluster c) {
            throw new AssertionError("platform=none");
        }

        @Override
        public Outcome<String> appSecret(PreviewCluster c, Map<String, SecretValue> data) {
            return Outcome.of("", "");
        }

        @Override
        public Outcome<Void> release(PreviewCluster c, ImageResult i, String appSecretChecksum) {
            return Outcome.of(null, "");
        }

        @Override
        public Outcome<Void> rollout(PreviewCluster c) {
            return Outcome.of(null, "");
        }

        @Override
        public Outcome<PreviewAccess> access(PreviewCluster c, ImageResult i) {
            return Outcome.of(new PreviewAccess("http://127.0.0.1:8081", "ingress", () -> {}), "");
        }
    }

    private PreviewUp.Result up(ImageSettings image) throws Exception {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp.resolve("fake"));
        Path chart = Files.createDirectories(tmp.resolve("charts/ghillie"));
        PlatformSettings platform = new PlatformSettings(
                false, false, new ChartSource.Local(chart), new ChartSource.Local(chart), Duration.ofMinutes(1));
        PreviewSettings settings = PreviewSettings.builder()
                .clusterTimeout(Duration.ofSeconds(30))
                .chartDir(chart)
                .platform(platform)
                .rolloutTimeout(Duration.ofSeconds(30))
                .projectDir(tmp)
                .workDir(tmp.resolve("work"))
                .environment(fake.environment())
                .build();
        Path kubeconfig = MockServerKubeconfig.write(tmp.resolve("kubeconfig.yaml"), server);
        PreviewCluster cluster = new PreviewCluster(
                "ghillie-local",
                new HostPort("127.0.0.1", 6550),
                new HostPort("127.0.0.1", 8081),
                kubeconfig,
                ClusterAction.REUSED,
                List.of());
        try (KubernetesUpSteps real = new KubernetesUpSteps(
                settings,
                ServiceBuild.ALREADY_BUILT,
                image,
                fake.k3d(),
                new Preflight(fake.runner()),
                DockerCheck.AUTO,
                null,
                ProgressLines.to(lines::add))) {
            return new PreviewUp(new RealImageStep(real, cluster), PlatformSelection.NONE, ProgressLines.to(lines::add))
                    .run();
        }
    }

    private ImageSettings.Builder image() throws Exception {
        Path base = PlatformBaseImages.ociIndex(
                Files.createDirectories(tmp.resolve("base")), List.of("amd64", "arm64"), "amd64");
        Path classes = Files.createDirectories(tmp.resolve("classes/dev"));
        Files.write(classes.resolve("Main.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        return ImageSettings.builder()
                .baseImage("tar://" + base)
                .imageName("ghillie-runtime")
                .version("1.0")
                .mainClass("dev.Main")
                .creationTime("EPOCH")
                .classesDirectory(tmp.resolve("classes"))
                .outputDirectory(tmp.resolve("image"))
                // An x86 machine, as this test's: the nodes, not the machine, decide.
                .machineArchitecture("x86_64");
    }

    private void node(String name, String architecture) {
        client.nodes()
                .resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .addToLabels("kubernetes.io/arch", architecture)
                        .endMetadata()
                        .build())
                .create();
    }

    private static String architectureOf(ImageResult image) throws Exception {
        try (DockerArchive archive = DockerArchive.open(image.tarFile().orElseThrow())) {
            return archive.os() + "/" + archive.architecture();
        }
    }

    @Test
    void theImageIsBuiltForTheArchitectureOfTheClustersNodes() throws Exception {
        node("k3d-ghillie-local-server-0", "arm64");

        PreviewUp.Result result = up(image().build());

        assertThat(architectureOf(result.image())).isEqualTo("linux/arm64");
        assertThat(lines)
                .anyMatch(line ->
                        line.matches("\\[\\d/8] image build … done in \\d+\\.\\ds \\(ghillie-runtime:1\\.0-[0-9a-f]{12}"
                                + " built for linux/arm64\\)"));
    }

    @Test
    void theSettingWinsOverTheNodes() throws Exception {
        node("k3d-ghillie-local-server-0", "arm64");

        PreviewUp.Result result = up(image().platforms("linux/amd64").build());

        assertThat(architectureOf(result.image())).isEqualTo("linux/amd64");
        assertThat(lines).anyMatch(line -> line.contains(" built for linux/amd64)"));
    }
}
