package dev.ghillie.preview.provider.existing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigSelectionTest {

    @TempDir
    Path tmp;

    private Path file(String name, String yaml) throws Exception {
        return Files.writeString(
                Files.createDirectories(tmp.resolve(name).getParent())
                        .resolve(tmp.resolve(name).getFileName()),
                yaml);
    }

    @Test
    void mergesAsKubectlDoesAndKeepsOnlyTheChosenContext() throws Exception {
        Path first = file("a/config", """
                apiVersion: v1
                kind: Config
                current-context: dev
                contexts:
                - name: dev
                  context: {cluster: dev, user: dev}
                clusters:
                - name: dev
                  cluster: {server: "https://10.0.0.1:6443", certificate-authority: certs/ca.crt}
                users:
                - name: dev
                  user: {token: first}
                """);
        Path second = file("b/config", """
                apiVersion: v1
                kind: Config
                current-context: other
                contexts:
                - name: dev
                  context: {cluster: shadowed, user: shadowed}
                - name: kind-pr
                  context: {cluster: kind-pr, user: kind-pr}
                clusters:
                - name: kind-pr
                  cluster: {server: "https://127.0.0.1:41000"}
                users:
                - name: kind-pr
                  user: {client-key: /abs/key.pem}
                """);

        KubeconfigSelection current = KubeconfigSelection.select(
                List.of(tmp.resolve("missing"), first, second), Optional.empty(), "KUBECONFIG");
        assertThat(current.context()).isEqualTo("dev");
        assertThat(current.server()).isEqualTo("https://10.0.0.1:6443");
        assertThat(current.yaml())
                .contains(
                        "current-context: \"dev\"",
                        "token: \"first\"",
                        "certificate-authority: \"" + tmp.resolve("a/certs/ca.crt") + "\"")
                .doesNotContain("shadowed", "kind-pr");

        KubeconfigSelection named =
                KubeconfigSelection.select(List.of(first, second), Optional.of("kind-pr"), "KUBECONFIG");
        assertThat(named.server()).isEqualTo("https://127.0.0.1:41000");
        assertThat(named.yaml())
                .contains("current-context: \"kind-pr\"", "client-key: \"/abs/key.pem\"")
                .doesNotContain("first");
    }

    @Test
    void anUnknownContextIsOneLineSayingWhereToLook() throws Exception {
        Path config = file("config", "apiVersion: v1\nkind: Config\ncurrent-context: dev\ncontexts: []\n");

        assertThatThrownBy(
                        () -> KubeconfigSelection.select(List.of(config), Optional.of("prod"), "kubeconfig " + config))
                .hasMessage("context 'prod' is not in the kubeconfig (" + config
                        + "): see `kubectl config get-contexts`, and set"
                        + " ghillie.preview.context (or ghillie.preview.kubeconfig)");
        assertThatThrownBy(
                        () -> KubeconfigSelection.select(List.of(tmp.resolve("none")), Optional.empty(), "KUBECONFIG"))
                .hasMessageStartingWith("no kubeconfig file at " + tmp.resolve("none") + " (KUBECONFIG)");
    }
}
