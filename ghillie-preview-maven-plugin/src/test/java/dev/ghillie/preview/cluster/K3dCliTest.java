package dev.ghillie.preview.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class K3dCliTest {

    @TempDir
    Path tmp;

    private FakeK3d fake;
    private int apiPort;
    private int ingressPort;

    @BeforeEach
    void installFake() {
        fake = FakeK3d.withK3dAndDocker(tmp);
        LoopbackPorts ports = new LoopbackPorts();
        ingressPort = ports.pickFree(Set.of());
        apiPort = ports.pickFree(Set.of(ingressPort));
    }

    private ClusterSpec spec(String name) {
        return ClusterSpec.of(name).withPorts(apiPort, ingressPort).withTimeout(Duration.ofSeconds(120));
    }

    @Test
    void createRunsExactlyTheLoopbackCommandAndLeavesTheDefaultKubeconfigAlone() {
        fake.k3d().create(spec("demo").withAgents(1));

        assertThat(fake.calls())
                .containsExactly("k3d cluster create demo --api-port 127.0.0.1:" + apiPort
                        + " -p 127.0.0.1:" + ingressPort + ":80@loadbalancer --agents 1 --wait --timeout 120s"
                        + " --kubeconfig-update-default=false --kubeconfig-switch-context=false");
        assertThat(fake.home().resolve(".kube/config")).doesNotExist();
    }

    @Test
    void createAttachesTheRegistryTheImageIsPushedTo() {
        fake.k3d()
                .create(spec("demo")
                        .withRegistry(java.util.Optional.of(K3dRegistry.parse("k3d-ghillie-registry:5001"))));

        assertThat(fake.calls().getFirst())
                .endsWith("--kubeconfig-switch-context=false --registry-use k3d-ghillie-registry:5001");
    }

    @Test
    void createUpdatesTheDefaultKubeconfigOnlyWhenAsked() {
        fake.k3d().create(spec("demo").withKubeconfigUpdate(KubeconfigUpdate.MERGE));

        assertThat(fake.calls().getFirst())
                .endsWith("--kubeconfig-update-default=true --kubeconfig-switch-context=false");
        assertThat(fake.home().resolve(".kube/config")).content().contains("k3d-demo");
    }

    @Test
    void createRoundsTheTimeoutUpToWholeSeconds() {
        fake.k3d().create(spec("demo").withTimeout(Duration.ofMillis(1500)));

        assertThat(fake.calls().getFirst()).contains("--timeout 2s");
    }

    @Test
    void createRefusesUnresolvedPorts() {
        assertThatThrownBy(() -> fake.k3d().create(ClusterSpec.of("demo")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void listReadsNamesStateAndPortsBack() {
        K3dCli k3d = fake.k3d();
        k3d.create(spec("demo").withAgents(2));

        assertThat(k3d.list()).singleElement().satisfies(cluster -> {
            assertThat(cluster.name()).isEqualTo("demo");
            assertThat(cluster.running()).isTrue();
            assertThat(cluster.agentsCount()).isEqualTo(2);
            assertThat(cluster.api()).contains(new HostPort("127.0.0.1", apiPort));
            assertThat(cluster.ingress()).contains(new HostPort("127.0.0.1", ingressPort));
        });
        assertThat(fake.calls()).last().isEqualTo("k3d cluster list -o json");
    }

    @Test
    void findOfAnAbsentClusterIsEmptyNotAnError() {
        assertThat(fake.k3d().find("nope")).isEmpty();
        assertThat(fake.calls()).containsExactly("k3d cluster list nope -o json");
    }

    @Test
    void createOfAnExistingClusterSaysHowToFixIt() {
        K3dCli k3d = fake.k3d();
        k3d.create(spec("demo"));

        assertThatThrownBy(() -> k3d.create(spec("demo")))
                .isInstanceOf(ClusterException.class)
                .hasMessage(
                        "`k3d cluster create demo` failed (exit 1): Failed to create cluster 'demo' because a cluster"
                                + " with that name already exists: delete it with `k3d cluster delete demo` or choose another"
                                + " ghillie.preview.cluster");
    }

    @Test
    void aFailedCreateReportsK3dsReasonAndLeavesNoCluster() {
        fake.set("FAKE_K3D_FAIL_CREATE", "1");
        K3dCli k3d = fake.k3d();

        assertThatThrownBy(() -> k3d.create(spec("demo")))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith(
                        "`k3d cluster create demo` failed (exit 1): Cluster creation FAILED, all changes"
                                + " have been rolled back! (Failed Cluster Start: Failed to start server k3d-demo-server-0")
                .hasMessageEndingWith("run with -X for k3d's full output")
                .hasMessageNotContaining("\n");
        assertThat(k3d.find("demo")).isEmpty();
    }

    @Test
    void aCreateThatOutlastsItsTimeoutIsRolledBackAndNamesTheTimeoutSetting() {
        fake.set("FAKE_K3D_DELAY_CREATE", "2");

        assertThatThrownBy(() -> fake.k3d().create(spec("demo").withTimeout(Duration.ofSeconds(1))))
                .hasMessageContaining("Cluster creation FAILED, all changes have been rolled back!")
                .hasMessageContaining("context deadline exceeded")
                .hasMessageEndingWith(
                        "the cluster was not ready within ghillie.preview.clusterTimeout: raise it (a first"
                                + " start pulls the k3s image) or see `docker ps -a` for the failing node");
        assertThat(fake.k3d().find("demo")).isEmpty();
    }

    @Test
    void aTakenIngressPortNamesThePortSetting() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ingressPort));

            assertThatThrownBy(() -> fake.k3d().create(spec("demo")))
                    .hasMessageContaining("Bind for 127.0.0.1:" + ingressPort + " failed: port is already allocated")
                    .hasMessageEndingWith(
                            "a host port is taken: set ghillie.preview.port (GHILLIE_K3D_PORT, INGRESS_PORT) to a free"
                                    + " port, or 0 to pick one");
        }
    }

    @Test
    void deleteOfAnAbsentClusterSucceedsAndSaysNothingWasThere() {
        K3dCli k3d = fake.k3d();

        assertThat(k3d.delete("demo")).isFalse();
        k3d.create(spec("demo"));
        assertThat(k3d.delete("demo")).isTrue();
        assertThat(k3d.find("demo")).isEmpty();
        assertThat(fake.calls()).contains("k3d cluster delete demo");
    }

    @Test
    void stopAndStartChangeTheRunningState() {
        K3dCli k3d = fake.k3d();
        k3d.create(spec("demo"));

        k3d.stop("demo");
        assertThat(k3d.find("demo").orElseThrow().running()).isFalse();
        k3d.start("demo");
        assertThat(k3d.find("demo").orElseThrow().running()).isTrue();
        assertThat(fake.calls()).contains("k3d cluster stop demo", "k3d cluster start demo");
    }

    @Test
    void startOfAnAbsentClusterFails() {
        assertThatThrownBy(() -> fake.k3d().start("demo"))
                .hasMessageStartingWith(
                        "`k3d cluster start demo` failed (exit 1): failed to get cluster demo: No nodes found");
    }

    @Test
    void writeKubeconfigReturnsThePathK3dPrinted() {
        K3dCli k3d = fake.k3d();
        k3d.create(spec("demo"));

        Path kubeconfig = k3d.writeKubeconfig("demo");

        assertThat(kubeconfig).isEqualTo(fake.xdgConfig().resolve("kubeconfig-demo.yaml"));
        assertThat(kubeconfig).content().contains("server: https://127.0.0.1:" + apiPort, "name: k3d-demo");
        assertThat(fake.calls()).last().isEqualTo("k3d kubeconfig write demo");
    }

    @Test
    void importUsesTheToolsNodeModeByDefault() throws IOException {
        Path tar = Files.writeString(tmp.resolve("image.tar"), "not really a tar");
        K3dCli k3d = fake.k3d();
        k3d.create(spec("demo"));

        k3d.importImage(tar, "demo");
        k3d.importImage(tar, "demo", ImageImportMode.DIRECT);

        assertThat(fake.calls())
                .containsSubsequence(
                        "k3d image import " + tar + " -c demo -m tools-node",
                        "k3d image import " + tar + " -c demo -m direct");
        assertThat(fake.importedImages("demo")).containsExactly(tar.toString(), tar.toString());
    }

    @Test
    void importIntoAnAbsentClusterFails() throws IOException {
        Path tar = Files.writeString(tmp.resolve("image.tar"), "x");

        assertThatThrownBy(() -> fake.k3d().importImage(tar, "nope"))
                .hasMessageStartingWith("`k3d image import " + tar + "` failed (exit 1): failed to get cluster nope");
    }

    @Test
    void importOfAMissingTarballNeverCallsK3d() {
        assertThatThrownBy(() -> fake.k3d().importImage(tmp.resolve("missing.tar"), "demo"))
                .hasMessageContaining("does not exist");
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void versionIsReadFromTheFirstLine() {
        fake.set("FAKE_K3D_VERSION", "v5.7.4");

        assertThat(fake.k3d().version()).isEqualTo("v5.7.4");
    }

    @Test
    void aStoppedDockerDaemonIsNamedWhenK3dFails() {
        fake.set("FAKE_DOCKER_DAEMON", "down");

        assertThatThrownBy(() -> fake.k3d().list())
                .hasMessageContaining("Cannot connect to the Docker daemon")
                .hasMessageEndingWith(
                        "the Docker daemon is not answering: start Docker Desktop / `sudo systemctl start docker`");
    }

    /** k3d exits 0 when it could not even look for the cluster; its error line is the only sign. */
    @Test
    void aDeleteThatCouldNotReachDockerIsAFailureNotNothingToDelete() {
        fake.set("FAKE_DOCKER_DAEMON", "down");

        assertThatThrownBy(() -> fake.k3d().delete("demo"))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith(
                        "`k3d cluster delete demo` failed (exit 0): Failed to get nodes for cluster 'demo':")
                .hasMessageEndingWith(
                        "the Docker daemon is not answering: start Docker Desktop / `sudo systemctl start docker`");
    }

    @Test
    void aMissingK3dIsAClusterException() {
        FakeK3d empty = FakeK3d.install(tmp.resolve("empty"), false, false);

        assertThatThrownBy(() -> empty.k3d().list())
                .isInstanceOf(ClusterException.class)
                .hasMessage("Cannot run `k3d cluster list -o json`: k3d is not on the PATH");
    }
}
