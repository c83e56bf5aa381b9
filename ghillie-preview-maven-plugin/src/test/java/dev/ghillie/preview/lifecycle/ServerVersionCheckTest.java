package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.cluster.ClusterException;
import dev.ghillie.preview.cluster.KubernetesRequirement;
import dev.ghillie.preview.cluster.KubernetesVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

/** An existing cluster is judged by what its API server's /version says, not by k3d. */
@EnableKubernetesMockClient
class ServerVersionCheckTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private final KubernetesRequirement needs129 = new KubernetesRequirement(
            KubernetesVersion.minor(1, 29),
            "CloudNativePG chart 0.29.0 (ghillie.preview.platform includes postgres)",
            "-Dghillie.preview.platform=none");

    /** The mock server answers /version itself (setVersionInfo); an expectation on the path would not be seen. */
    private void serverAnswers(String gitVersion, String minor) {
        server.setVersionInfo(new VersionInfo.Builder()
                .withMajor("1")
                .withMinor(minor)
                .withGitVersion(gitVersion)
                .build());
    }

    @Test
    void aServerOlderThanTheRequirementIsNamed() {
        serverAnswers("v1.28.8+k3s1", "28");

        assertThatThrownBy(() -> KubernetesUpSteps.requireServerVersion(client, "ghillie-local", needs129))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith(
                        "cluster ghillie-local runs Kubernetes v1.28.8+k3s1 (its API server's /version), but"
                                + " CloudNativePG chart 0.29.0");
    }

    @Test
    void aNewEnoughServerPasses() {
        serverAnswers("v1.31.5+k3s1", "31");

        assertThatCode(() -> KubernetesUpSteps.requireServerVersion(client, "ghillie-local", needs129))
                .doesNotThrowAnyException();
    }

    /** A cluster that stopped between k3d's answer and this read: one line, not fabric8's exception at the mojo edge. */
    @Test
    void aServerThatDoesNotAnswerIsOneLine() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        io.fabric8.kubernetes.client.Config config = new io.fabric8.kubernetes.client.ConfigBuilder()
                .withMasterUrl("https://127.0.0.1:" + closedPort)
                .withRequestRetryBackoffLimit(0)
                .build();
        try (KubernetesClient stopped = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(config)
                .build()) {
            assertThatThrownBy(() -> KubernetesUpSteps.requireServerVersion(stopped, "ghillie-local", needs129))
                    .isInstanceOf(dev.ghillie.preview.kube.KubeException.class)
                    .hasMessageStartingWith(
                            "Could not read the Kubernetes version of cluster ghillie-local (CloudNativePG chart 0.29.0");
        }
    }
}
