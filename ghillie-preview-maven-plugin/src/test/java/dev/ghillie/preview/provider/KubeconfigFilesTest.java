package dev.ghillie.preview.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.cluster.ClusterException;
import dev.ghillie.preview.cluster.HostPort;
import org.junit.jupiter.api.Test;

class KubeconfigFilesTest {

    private static String kubeconfig(String server) {
        return """
                apiVersion: v1
                kind: Config
                current-context: kind-pr
                contexts:
                - name: kind-pr
                  context: {cluster: kind-pr, user: kind-pr}
                clusters:
                - name: kind-pr
                  cluster: {server: "%s"}
                """.formatted(server);
    }

    @Test
    void theApiServerOfTheCurrentContext() {
        assertThat(KubeconfigFiles.apiServer(kubeconfig("https://127.0.0.1:41237")))
                .isEqualTo(new HostPort("127.0.0.1", 41237));
        assertThat(KubeconfigFiles.apiServer(kubeconfig("https://api.example")))
                .isEqualTo(new HostPort("api.example", 443));
    }

    @Test
    void aServerWithoutASchemeIsOneClearLine() {
        assertThatThrownBy(() -> KubeconfigFiles.apiServer(kubeconfig("127.0.0.1:6443")))
                .isInstanceOf(ClusterException.class)
                .hasMessage(
                        "cluster 'kind-pr' of context 'kind-pr' has server '127.0.0.1:6443' in the kubeconfig, not a URL:"
                                + " write it with its scheme, e.g. https://127.0.0.1:6443");
        assertThatThrownBy(() -> KubeconfigFiles.apiServer(kubeconfig("localhost:6443")))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("has server 'localhost:6443' in the kubeconfig, not a URL");
    }
}
