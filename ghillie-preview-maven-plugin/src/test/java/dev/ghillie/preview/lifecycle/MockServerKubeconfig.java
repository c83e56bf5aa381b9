package dev.ghillie.preview.lifecycle;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kubeconfig k3d would write for cluster ghillie-local, pointing at fabric8's mock API server (token auth, plain HTTP). */
final class MockServerKubeconfig {

    private MockServerKubeconfig() {}

    static Path write(Path file, KubernetesMockServer server) throws IOException {
        return Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: k3d-ghillie-local
                  cluster:
                    server: %s
                contexts:
                - name: k3d-ghillie-local
                  context:
                    cluster: k3d-ghillie-local
                    user: admin@k3d-ghillie-local
                current-context: k3d-ghillie-local
                users:
                - name: admin@k3d-ghillie-local
                  user:
                    token: not-a-real-token
                """.formatted(server.url("/").replaceAll("/$", "")));
    }
}
