package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressLines;
import dev.ghillie.preview.cluster.ClusterException;
import dev.ghillie.preview.cluster.DockerCheck;
import dev.ghillie.preview.cluster.FakeK3d;
import dev.ghillie.preview.cluster.K3dRegistry;
import dev.ghillie.preview.cluster.Preflight;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.image.ImageSettings;
import dev.ghillie.preview.image.ServiceBuild;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.PlatformSelection;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up} with the real steps over the fake {@code k3d}/{@code docker}: the failures that must
 * stop it before anything changes, and a k3d create that fails. (The Kubernetes side is covered by
 * the kube package against the mock server and by the end-to-end tier against a real cluster.)
 */
class KubernetesUpStepsTest {

    @TempDir
    Path tmp;

    private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

    private PreviewSettings settings(String cluster, FakeK3d fake) throws Exception {
        return settings(cluster, fake, java.util.Optional.empty());
    }

    private PreviewSettings settings(String cluster, FakeK3d fake, java.util.Optional<K3dRegistry> registry)
            throws Exception {
        return settings(cluster, fake, registry, false);
    }

    /** With {@code postgres}, the pinned CloudNativePG chart, as the defaults give it. */
    private PreviewSettings settings(
            String cluster, FakeK3d fake, java.util.Optional<K3dRegistry> registry, boolean postgres) throws Exception {
        Path chart = Files.createDirectories(tmp.resolve("charts/ghillie"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: ghillie\nversion: 0.1.0\n");
        ChartSource cnpg = postgres
                ? new ChartSource.Repository(
                        "https://cloudnative-pg.github.io/charts",
                        "cloudnative-pg",
                        PlatformSettings.CLOUDNATIVE_PG_VERSION)
                : new ChartSource.Local(chart);
        PlatformSettings platform =
                new PlatformSettings(postgres, false, cnpg, new ChartSource.Local(chart), Duration.ofMinutes(1));
        return PreviewSettings.builder()
                .clusterName(cluster)
                .clusterTimeout(Duration.ofSeconds(30))
                .chartDir(chart)
                .access(AccessMode.PORT_FORWARD)
                .platform(platform)
                .rolloutTimeout(Duration.ofSeconds(30))
                .projectDir(tmp)
                .workDir(tmp.resolve("work"))
                .registry(registry)
                .environment(fake.environment())
                .build();
    }

    /** An image whose base does not exist: its build fails, so only the cluster branch can get far. */
    private ImageSettings image() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes/dev"));
        Files.writeString(classes.resolve("Main.class"), "not really a class");
        return ImageSettings.builder()
                .baseImage("tar://" + tmp.resolve("no-such-base.tar"))
                .imageName("ghillie-runtime")
                .version("1.0")
                .mainClass("dev.Main")
                .creationTime("EPOCH")
                .classesDirectory(tmp.resolve("classes"))
                .outputDirectory(tmp.resolve("image"))
                .build();
    }

    private PreviewUp up(PreviewSettings settings, FakeK3d fake) throws Exception {
        return up(settings, fake, ServiceBuild.ALREADY_BUILT);
    }

    private PreviewUp up(PreviewSettings settings, FakeK3d fake, ServiceBuild build) throws Exception {
        KubernetesUpSteps steps = new KubernetesUpSteps(
                settings,
                build,
                image(),
                fake.k3d(),
                new Preflight(fake.runner()),
                DockerCheck.AUTO,
                null,
                ProgressLines.to(lines::add));
        return new PreviewUp(steps, PlatformSelection.NONE, ProgressLines.to(lines::add));
    }

    @Test
    void badSettingsStopBeforeAnyToolRuns() throws Exception {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp.resolve("fake"));

        assertThatThrownBy(() -> up(settings("Bad_Name", fake), fake).run())
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("ghillie.preview.cluster='Bad_Name' is not a valid k3d cluster name");
        assertThat(fake.calls()).isEmpty();
        assertThat(lines).singleElement().asString().startsWith("[1/8] preflight … failed after");
    }

    @Test
    void aMissingK3dStopsAtPreflightWithTheInstallAddress() throws Exception {
        FakeK3d fake = FakeK3d.install(tmp.resolve("fake"), false, true);

        assertThatThrownBy(() -> up(settings("ghillie-local", fake), fake).run())
                .isInstanceOf(PreviewException.class)
                .hasMessage("k3d is not on the PATH: install k3d v5 from https://k3d.io/#installation");
        assertThat(fake.calls()).noneMatch(call -> call.startsWith("k3d cluster"));
    }

    @Test
    void aStoppedDockerDaemonStopsAtPreflightAndNoClusterIsCreated() throws Exception {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp.resolve("fake")).set("FAKE_DOCKER_DAEMON", "down");

        assertThatThrownBy(() -> up(settings("ghillie-local", fake), fake).run())
                .isInstanceOf(PreviewException.class)
                .hasMessageContaining("Docker daemon is not answering")
                .hasMessageContaining("systemctl start docker");
        assertThat(fake.calls()).noneMatch(call -> call.startsWith("k3d cluster create"));
    }

    @Test
    void aFailingK3dCreateIsReportedAndLeavesNoCluster() throws Exception {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp.resolve("fake")).set("FAKE_K3D_FAIL_CREATE", "1");

        assertThatThrownBy(() -> up(settings("ghillie-local", fake), fake).run())
                .isInstanceOf(PreviewException.class)
                .hasMessageContaining("ghillie-local");
        assertThat(fake.calls())
                .anyMatch(call -> call.startsWith("k3d cluster create ghillie-local --api-port 127.0.0.1:"));
        assertThat(fake.k3d().find("ghillie-local")).isEmpty();
        assertThat(lines).anyMatch(line -> line.matches("\\[\\d/8] cluster … failed after \\d+\\.\\ds"));
        // The image branch ran to its own end too: nothing was left running behind the failure. It waited for the
        // cluster's nodes, so its line says it stopped for the cluster, not that the image build failed.
        assertThat(lines)
                .anyMatch(line ->
                        line.matches("\\[\\d/8] image build … stopped after \\d+\\.\\ds: it needs the cluster"));
    }

    @Test
    void theServiceIsBuiltInTheImageStepBeforeJibReadsIt() throws Exception {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp.resolve("fake"));
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        ServiceBuild build = () -> {
            order.add("build");
            // Jib's failure below comes after this: the build ran first, in the image step, not at preflight.
            assertThat(fake.calls()).anyMatch(call -> call.startsWith("k3d version"));
            throw new PreviewException(
                    "Building ghillie-runtime failed in compiler:compile (default-compile): Compilation failure");
        };

        assertThatThrownBy(
                        () -> up(settings("ghillie-local", fake), fake, build).run())
                .isInstanceOf(PreviewException.class)
                .hasMessage(
                        "Building ghillie-runtime failed in compiler:compile (default-compile): Compilation failure");
        assertThat(order).containsExactly("build");
        assertThat(lines).anyMatch(line -> line.matches("\\[\\d/8] image build … failed after \\d+\\.\\ds"));
    }

    @Test
    void aRegistryThatDoesNotAnswerStopsAtPreflightWithTheCommandThatMakesIt() throws Exception {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp.resolve("fake"));
        int closed;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        K3dRegistry registry = new K3dRegistry("k3d-ghillie-registry", closed);

        assertThatThrownBy(() -> up(settings("ghillie-local", fake, java.util.Optional.of(registry)), fake)
                        .run())
                .isInstanceOf(ClusterException.class)
                .hasMessage("registry k3d-ghillie-registry:" + closed
                        + " (ghillie.preview.registry) does not answer on 127.0.0.1:"
                        + closed + ": create it with 'k3d registry create ghillie-registry --port 127.0.0.1:" + closed
                        + "', or unset the setting to import the image instead");
        assertThat(fake.calls()).noneMatch(call -> call.startsWith("k3d cluster create"));
    }

    @Test
    void aRegistryThatAnswersIsAttachedToTheNewCluster() throws Exception {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp.resolve("fake"));
        try (java.net.ServerSocket listening =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            K3dRegistry registry = new K3dRegistry("k3d-ghillie-registry", listening.getLocalPort());

            // The image build fails (its base does not exist); the cluster branch runs to its end beside it.
            assertThatThrownBy(() -> up(settings("ghillie-local", fake, java.util.Optional.of(registry)), fake)
                            .run())
                    .isInstanceOf(PreviewException.class);

            assertThat(fake.calls())
                    .anyMatch(call -> call.startsWith("k3d cluster create ghillie-local ")
                            && call.endsWith(" --registry-use k3d-ghillie-registry:" + listening.getLocalPort()));
        }
    }

    /** k3d v5.6.3's release build defaults to k3s v1.28.8; CloudNativePG chart 0.29.0 needs 1.29. */
    @Test
    void withPostgresATooOldK3dStopsAtPreflightBeforeAnyClusterIsCreated() throws Exception {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp.resolve("fake"))
                .set("FAKE_K3D_VERSION", "v5.6.3")
                .set("FAKE_K3S_VERSION", "v1.28.8-k3s1");

        assertThatThrownBy(() -> up(settings("ghillie-local", fake, java.util.Optional.empty(), true), fake)
                        .run())
                .isInstanceOf(PreviewException.class)
                .hasMessageStartingWith(
                        "k3d v5.6.3 creates Kubernetes v1.28.8-k3s1 clusters, but CloudNativePG chart 0.29.0")
                .hasMessageContaining("upgrade k3d to v5.7 or newer")
                .hasMessageEndingWith("or set -Dghillie.preview.platform=none or =valkey to preview without PostgreSQL")
                .hasMessageNotContaining("\n");
        assertThat(fake.calls()).noneMatch(call -> call.startsWith("k3d cluster create"));
    }

    /** The end-to-end tier's Kubernetes 1.20 runs with platform=none: the floor is postgres's alone. */
    @Test
    void withoutPostgresAnOldK3dStillCreatesTheCluster() throws Exception {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp.resolve("fake"))
                .set("FAKE_K3D_VERSION", "v5.6.3")
                .set("FAKE_K3S_VERSION", "v1.20.2-k3s1");

        assertThatThrownBy(() -> up(settings("ghillie-local", fake), fake).run())
                .isInstanceOf(RuntimeException.class);
        assertThat(lines).anyMatch(line -> line.startsWith("[1/8] preflight … done"));
        assertThat(fake.calls()).anyMatch(call -> call.startsWith("k3d cluster create ghillie-local"));
    }
}
