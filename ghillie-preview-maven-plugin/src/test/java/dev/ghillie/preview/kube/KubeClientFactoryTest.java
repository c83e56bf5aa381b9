package dev.ghillie.preview.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true, https = false)
class KubeClientFactoryTest {

    static KubernetesMockServer server;

    @TempDir
    Path dir;

    @Test
    void talksToTheServerNamedInTheGivenKubeconfig() throws IOException {
        Path kubeconfig = kubeconfig("k3d-ghillie-local", server.url("/").replaceAll("/$", ""));

        try (KubernetesClient client = new KubeClientFactory().open(kubeconfig)) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("ghillie")
                            .endMetadata()
                            .build())
                    .create();
            assertThat(client.namespaces().withName("ghillie").get()).isNotNull();
            assertThat(client.getMasterUrl().toString())
                    .startsWith(server.url("/").replaceAll("/$", ""));
        }
    }

    @Test
    void appliesTheConfiguredTimeouts() throws IOException {
        Path kubeconfig = kubeconfig("k3d-a", "https://127.0.0.1:6550");

        Config config = new KubeClientFactory(Duration.ofSeconds(3), Duration.ofSeconds(7)).config(kubeconfig, null);

        assertThat(config.getMasterUrl()).startsWith("https://127.0.0.1:6550");
        assertThat(config.getConnectionTimeout()).isEqualTo(3000);
        assertThat(config.getRequestTimeout()).isEqualTo(7000);
        assertThat(config.getRequestRetryBackoffLimit()).isEqualTo(3);
        assertThat(config.getCurrentContext().getName()).isEqualTo("k3d-a");
    }

    @Test
    void aStoppedClusterIsAOneLineErrorWithoutLongRetries() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path kubeconfig = kubeconfig("k3d-stopped", "https://127.0.0.1:" + closedPort);

        try (KubernetesClient client = new KubeClientFactory().open(kubeconfig)) {
            KubeException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    KubeException.class,
                    () -> new PodStatusReader(client).diagnosed(LabelSelection.helmRelease("ghillie", "ghillie")));

            assertThat(e.getMessage())
                    .isEqualTo(
                            "Could not list the pods labelled app.kubernetes.io/instance=ghillie in "
                                    + "namespace ghillie (no answer from the API server): is the cluster running and the kubeconfig current?");
        }
    }

    @Test
    void aMissingKubeconfigIsAUserFacingError() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> new KubeClientFactory().open(missing))
                .isInstanceOf(KubeException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("k3d kubeconfig write");
    }

    @Test
    void aKubeconfigWithoutServerIsAUserFacingError() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "apiVersion: v1\nkind: Config\n");

        assertThatThrownBy(() -> new KubeClientFactory().open(empty))
                .isInstanceOf(KubeException.class)
                .hasMessageContaining(empty.toString());
    }

    /** A kubeconfig whose client certificate is not one (a hand-edited or truncated file) fails in fabric8's client build. */
    @Test
    void aKubeconfigWithAnUnreadableClientCertificateIsAUserFacingError() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken-cert.yaml"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: k3d-a
                  cluster:
                    server: https://127.0.0.1:6550
                    certificate-authority-data: RkFLRSBDQQ==
                contexts:
                - name: k3d-a
                  context:
                    cluster: k3d-a
                    user: admin@k3d-a
                current-context: k3d-a
                users:
                - name: admin@k3d-a
                  user:
                    client-certificate-data: RkFLRSBDRVJU
                    client-key-data: RkFLRSBLRVk=
                """);

        assertThatThrownBy(() -> new KubeClientFactory().open(broken))
                .isInstanceOf(KubeException.class)
                .hasMessageStartingWith("Kubeconfig " + broken + " cannot be used")
                .hasMessageContaining("k3d kubeconfig write")
                .hasMessageNotContaining("\n");
    }

    private Path kubeconfig(String name, String server) throws IOException {
        return Files.writeString(dir.resolve("kubeconfig-" + name + ".yaml"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                    insecure-skip-tls-verify: true
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: admin@%1$s
                current-context: %1$s
                users:
                - name: admin@%1$s
                  user:
                    token: not-a-real-token
                """.formatted(name, server));
    }
}
