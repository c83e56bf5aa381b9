package dev.ghillie.preview.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

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
                .isInstanceOfSatisfying(PreflightException.class, e -> assertThat(e.problems()).containsExactly(
                        "k3d is not on the PATH: install k3d v5 from https://k3d.io/#installation",
                        "docker is not on the PATH: install Docker from https://docs.docker.com/get-docker/"));
    }

    @Test
    void aStoppedDockerDaemonGetsTheClearMessage() {
        FakeK3d fake = FakeK3d.withK3dAndDocker(tmp).set("FAKE_DOCKER_DAEMON", "down");

        assertThatThrownBy(() -> new Preflight(fake.runner()).check(DockerCheck.AUTO))
                .hasMessage("Docker daemon is not answering (`docker info` exit 1): start Docker Desktop /"
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
                .hasMessageStartingWith("docker is not on the PATH and k3d cannot reach a container runtime (Failed to get"
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
