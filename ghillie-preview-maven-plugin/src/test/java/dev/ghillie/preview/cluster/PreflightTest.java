package dev.ghillie.preview.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {

    @TempDir
    Path tmp;

    @Test
    void passesWithK3dV5AndAnAnsweringDockerDaemon() {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp);

        PreflightResult result = new Preflight(fake.runner()).check(DockerCheck.AUTO);

        assertThat(result.k3d()).isEqualTo(fake.bin().resolve("k3d"));
        assertThat(result.k3dVersion()).isEqualTo("v5.8.3");
        assertThat(result.docker()).contains(fake.bin().resolve("docker"));
        assertThat(result.runtimeCheck()).isEqualTo(PreflightResult.RuntimeCheck.DOCKER_INFO);
        assertThat(fake.calls()).containsExactly("k3d version", "docker info");
    }

    private static final KubernetesRequirement NEEDS_1_29 = new KubernetesRequirement(
            KubernetesVersion.minor(1, 29),
            "CloudNativePG chart 0.29.0 (ghillie.preview.platform includes postgres)",
            "-Dghillie.preview.platform=none");

    /** `k3d version` of a k3d v5.6.3 release build (k3d cmd/root.go printVersion). */
    private FakeK3d k3dV563() {
        return FakeK3d.withK3dAndDocker(tmp).set("FAKE_K3D_VERSION", "v5.6.3").set("FAKE_K3S_VERSION", "v1.28.8-k3s1");
    }

    @Test
    void aK3dWhoseClustersAreTooOldIsNamedBeforeAnythingIsCreated() {
        FakeK3d fake = k3dV563();

        assertThatThrownBy(() ->
                        new Preflight(fake.runner()).check(DockerCheck.AUTO, "ghillie-local", Optional.of(NEEDS_1_29)))
                .isInstanceOf(PreflightException.class)
                .hasMessage("k3d v5.6.3 creates Kubernetes v1.28.8-k3s1 clusters, but CloudNativePG chart 0.29.0"
                        + " (ghillie.preview.platform includes postgres) needs Kubernetes 1.29 or newer: upgrade k3d to v5.7 or"
                        + " newer (https://k3d.io/#installation), or set -Dghillie.preview.platform=none");
        assertThat(fake.calls())
                .containsExactly("k3d version", "docker info", "k3d cluster list ghillie-local -o json");
    }

    @Test
    void theOldK3dDoesNotMatterWithoutTheRequirementOrForAnExistingCluster() {
        FakeK3d fake = k3dV563();
        new Preflight(fake.runner()).check(DockerCheck.AUTO, "ghillie-local", Optional.empty());
        LoopbackPorts ports = new LoopbackPorts();
        int api = ports.pickFree(java.util.Set.of());
        fake.k3d().create(ClusterSpec.of("ghillie-local").withPorts(api, ports.pickFree(java.util.Set.of(api))));

        PreflightResult result =
                new Preflight(fake.runner()).check(DockerCheck.AUTO, "ghillie-local", Optional.of(NEEDS_1_29));

        assertThat(result.k3dVersion()).isEqualTo("v5.6.3");
    }

    @Test
    void aCurrentK3dPasses() {
        FakeK3d fake =
                FakeK3d.withK3dAndDocker(tmp).set("FAKE_K3D_VERSION", "v5.7.1").set("FAKE_K3S_VERSION", "v1.29.6-k3s1");

        assertThat(new Preflight(fake.runner())
                        .check(DockerCheck.AUTO, "ghillie-local", Optional.of(NEEDS_1_29))
                        .k3dVersion())
                .isEqualTo("v5.7.1");
    }

    @Test
    void aMissingK3dNamesTheInstallAddress() {
        FakeK3d fake = FakeK3d.install(tmp, false, true);

        assertThatThrownBy(() -> new Preflight(fake.runner()).check(DockerCheck.AUTO))
                .isInstanceOf(PreflightException.class)
                .hasMessage("k3d is not on the PATH: install k3d v5 from https://k3d.io/#installation");
    }

    @Test
    void missingK3dAndDockerAreBothReportedOneLineEach() {
        FakeK3d fake = FakeK3d.install(tmp, false, false);

        assertThatThrownBy(() -> new Preflight(fake.runner()).check(DockerCheck.AUTO))
                .isInstanceOfSatisfying(
                        PreflightException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "k3d is not on the PATH: install k3d v5 from https://k3d.io/#installation",
                                        "docker is not on the PATH: install Docker from https://docs.docker.com/get-docker/"));
    }

    @Test
    void aStoppedDockerDaemonGetsTheClearMessage() {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp).set("FAKE_DOCKER_DAEMON", "down");

        assertThatThrownBy(() -> new Preflight(fake.runner()).check(DockerCheck.AUTO))
                .hasMessage(
                        "Docker daemon is not answering (`docker info` exit 1): start Docker Desktop /"
                                + " `sudo systemctl start docker`, or set ghillie.preview.dockerCheck=skip if your k3d needs no Docker");
    }

    @Test
    void withoutADockerCliAK3dThatWorksIsEnough() {
        // The end-to-end shim: k3d answers, no Docker anywhere.
        FakeK3d fake = FakeK3d.install(tmp, true, false);

        PreflightResult result = new Preflight(fake.runner()).check(DockerCheck.AUTO);

        assertThat(result.runtimeCheck()).isEqualTo(PreflightResult.RuntimeCheck.K3D_CLUSTER_LIST);
        assertThat(result.docker()).isEmpty();
        assertThat(fake.calls()).containsExactly("k3d version", "k3d cluster list -o json");
    }

    @Test
    void withoutADockerCliAndWithoutARuntimeK3dFailsWithTheDockerInstallAddress() {
        FakeK3d fake = FakeK3d.install(tmp, true, false).set("FAKE_DOCKER_DAEMON", "down");

        assertThatThrownBy(() -> new Preflight(fake.runner()).check(DockerCheck.AUTO))
                .hasMessageStartingWith(
                        "docker is not on the PATH and k3d cannot reach a container runtime (Failed to get"
                                + " clusters: ")
                .hasMessageContaining("Cannot connect to the Docker daemon")
                .hasMessageEndingWith("): install Docker from https://docs.docker.com/get-docker/");
    }

    @Test
    void skipNeverAsksDocker() {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp).set("FAKE_DOCKER_DAEMON", "down");

        PreflightResult result = new Preflight(fake.runner()).check(DockerCheck.SKIP);

        assertThat(result.runtimeCheck()).isEqualTo(PreflightResult.RuntimeCheck.SKIPPED);
        assertThat(fake.calls()).containsExactly("k3d version");
    }

    @Test
    void k3dV4IsRefused() {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp).set("FAKE_K3D_VERSION", "v4.4.8");

        assertThatThrownBy(() -> new Preflight(fake.runner()).check(DockerCheck.AUTO))
                .hasMessage("k3d v4.4.8 is not supported: install k3d v5 from https://k3d.io/#installation");
    }

    @Test
    void dockerCheckSettingIsParsedCaseInsensitively() {
        assertThat(DockerCheck.parse("Skip")).isEqualTo(DockerCheck.SKIP);
        assertThat(DockerCheck.parse(" auto ")).isEqualTo(DockerCheck.AUTO);
        assertThatThrownBy(() -> DockerCheck.parse("never"))
                .hasMessage("ghillie.preview.dockerCheck 'never' is not one of auto, skip");
    }
}
