package dev.ghillie.preview.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ghillie.preview.process.ProcessResult;

/**
 * The fake k3d must answer like k3d v5 (shared/reference/external-contracts.md), or the other tests
 * prove nothing. These pin the parts the plugin does not exercise on its own.
 */
class FakeK3dContractTest {

    @TempDir
    Path tmp;

    private FakeK3d fake;

    @BeforeEach
    void installFake() {
        fake = FakeK3d.withK3dAndDocker(tmp).set("LOG_COLORS", "false");
    }

    private ProcessResult k3d(String... args) {
        return fake.runner().run(Duration.ofSeconds(30), "k3d", args);
    }

    @Test
    void listIsOneLineOfJsonAndAnEmptyArrayWhenThereAreNoClusters() {
        ProcessResult result = k3d("cluster", "list", "-o", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("[]");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void unknownClusterIsAFatalOnStderrWithNothingOnStdout() {
        ProcessResult result = k3d("cluster", "list", "nope", "-o", "json");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(elapsedZeroed(result.stderr())).isEqualTo("FATA[0000] No nodes found for given cluster");
    }

    @Test
    void infoGoesToStdoutAndTheDeleteOfNothingSucceeds() {
        ProcessResult result = k3d("cluster", "delete", "nope");

        assertThat(result.exitCode()).isZero();
        assertThat(elapsedZeroed(result.stdout())).isEqualTo("INFO[0000] No nodes found for cluster 'nope', nothing to delete.");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void rejectsWhatK3dRejects() {
        assertThat(elapsedZeroed(k3d("cluster", "create", "demo", "--bogus").stderr())).isEqualTo("FATA[0000] unknown flag: --bogus");
        assertThat(k3d("cluster", "create", "demo", "--agents", "two").stderr())
                .contains("invalid argument \"two\" for \"--agents\" flag");
        assertThat(k3d("cluster", "create", "demo", "--timeout", "2 minutes").stderr())
                .contains("time: invalid duration \"2 minutes\"");
        assertThat(k3d("cluster", "create", "demo", "-p", "8080:80@loadbalancer@server:0").stderr())
                .contains("only one unescaped '@' allowed");
        assertThat(k3d("cluster", "create", "demo", "-p", "8080:80@nodes").stderr())
                .contains("Failed to parse node filters");
        assertThat(elapsedZeroed(k3d("cluster", "create", "Demo_1").stderr()))
                .isEqualTo("FATA[0000] Failed Cluster Configuration Validation: provided cluster name 'Demo_1' does not"
                        + " match requirements: cluster name must be a valid RFC 1123 label ([a-z0-9-], starting and"
                        + " ending alphanumeric) of at most 32 characters");
        assertThat(elapsedZeroed(k3d("image", "import", "x.tar", "-c", "demo", "-m", "tools").stderr()))
                .isEqualTo("FATA[0000] Unknown image loading mode 'tools'");
        assertThat(fake.k3d().list()).isEmpty();
    }

    @Test
    void colouredUnlessToldOtherwise() {
        FakeK3d coloured = FakeK3d.withK3dAndDocker(tmp.resolve("coloured"));

        assertThat(coloured.runner().run(Duration.ofSeconds(30), "k3d", "cluster", "delete", "x").stdout())
                .matches("(?s)\u001B\\[36mINFO\u001B\\[0m\\[\\d{4}] .*");
    }

    @Test
    void createPrintsTheKubectlHintAndKubeconfigWritePrintsOnlyThePath() {
        ProcessResult create = k3d("cluster", "create", "demo", "--kubeconfig-update-default=false");
        ProcessResult write = k3d("kubeconfig", "write", "demo");

        assertThat(create.stdout()).endsWith("kubectl config use-context k3d-demo\nkubectl cluster-info");
        assertThat(write.stdout()).isEqualTo(fake.xdgConfig().resolve("kubeconfig-demo.yaml").toString());
        assertThat(Files.exists(Path.of(write.stdout()))).isTrue();
    }

    @Test
    void dockerInfoAnswersOrFailsLikeAStoppedDaemon() {
        assertThat(fake.runner().run(Duration.ofSeconds(30), "docker", "info").exitCode()).isZero();
        ProcessResult down = fake.set("FAKE_DOCKER_DAEMON", "down").runner().run(Duration.ofSeconds(30), "docker", "info");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.stderr()).contains("Cannot connect to the Docker daemon");
    }

    /** k3d prints the seconds since it started in its log prefix ({@code INFO[0000]}); a slow machine reaches 1. */
    private static String elapsedZeroed(String log) {
        return log.replaceAll("(INFO|WARN|ERRO|FATA)\\[\\d{4}]", "$1[0000]");
    }
}
