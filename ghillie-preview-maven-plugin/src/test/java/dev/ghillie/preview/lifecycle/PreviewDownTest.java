package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.cluster.ClusterSpec;
import dev.ghillie.preview.cluster.K3d;
import dev.ghillie.preview.cluster.K3dCluster;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.HelmClient;
import dev.ghillie.preview.helm.ReleaseRequest;
import dev.ghillie.preview.helm.ReleaseRevision;
import dev.ghillie.preview.helm.ReleaseTarget;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true, https = false)
class PreviewDownTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    private final List<String> calls = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    /** k3d double: one cluster (or none) whose kubeconfig points at the mock API server. */
    private K3d k3d(boolean exists, boolean running) throws Exception {
        Path kubeconfig = MockServerKubeconfig.write(tmp.resolve("kubeconfig.yaml"), server);
        return new K3d() {
            @Override
            public String version() {
                return "v5.8.3";
            }

            @Override
            public List<K3dCluster> list() {
                return find("ghillie-local").stream().toList();
            }

            @Override
            public Optional<K3dCluster> find(String name) {
                calls.add("find " + name);
                return exists ? Optional.of(new K3dCluster(name, running ? 1 : 0, 1, 0, 0, Optional.empty(), Optional.empty()))
                        : Optional.empty();
            }

            @Override
            public void create(ClusterSpec spec) {
                calls.add("create");
            }

            @Override
            public void start(String name) {
                calls.add("start");
            }

            @Override
            public void stop(String name) {
                calls.add("stop");
            }

            @Override
            public boolean delete(String name) {
                calls.add("delete " + name);
                return exists;
            }

            @Override
            public Path writeKubeconfig(String name) {
                return kubeconfig;
            }

            @Override
            public void importImage(Path tar, String cluster, dev.ghillie.preview.cluster.ImageImportMode mode) {
                calls.add("import");
            }
        };
    }

    private final HelmClient helm = new HelmClient() {
        @Override
        public List<ReleaseRevision> history(ReleaseTarget target) {
            return List.of();
        }

        @Override
        public ReleaseRevision upgradeInstall(ReleaseRequest request) {
            throw new AssertionError("down never installs");
        }

        @Override
        public void uninstall(ReleaseTarget target) {
            calls.add("helm uninstall " + target.name() + " -n " + target.namespace());
        }

        @Override
        public void discardRevision(ReleaseTarget target, int revision) {
            throw new AssertionError("down never discards revisions");
        }
    };

    private PreviewSettings settings() {
        ChartSource chart = new ChartSource.Local(tmp);
        return new PreviewSettings("ghillie-local", 0, 0, Duration.ofMinutes(3), false, "ghillie", "ghillie", tmp, List.of(), Map.of(),
                AccessMode.INGRESS, 0, new PlatformSettings(true, true, chart, chart, Duration.ofMinutes(5)), Duration.ofMinutes(5),
                tmp, tmp, java.util.Optional.empty(), Map.of());
    }

    @Test
    void nothingToRemoveIsSuccess() throws Exception {
        new PreviewDown(k3d(false, false), helm, lines::add).run(settings(), false);

        assertThat(lines).containsExactly("cluster ghillie-local does not exist: nothing to remove");
        assertThat(calls).containsExactly("find ghillie-local");
    }

    @Test
    void deletesTheCluster() throws Exception {
        new PreviewDown(k3d(true, true), helm, lines::add).run(settings(), false);

        assertThat(calls).containsExactly("find ghillie-local", "delete ghillie-local");
        assertThat(lines).containsExactly("cluster ghillie-local deleted");
    }

    @Test
    void keepingTheClusterRemovesReleaseSecretAndNamespaceOnly() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ghillie").endMetadata().build()).create();
        client.secrets().inNamespace("ghillie").resource(new SecretBuilder().withNewMetadata().withName("ghillie").endMetadata()
                .addToData("DATABASE_URL", "cG9zdGdyZXM6Ly8=").build()).create();

        new PreviewDown(k3d(true, true), helm, lines::add).run(settings(), true);

        assertThat(calls).containsExactly("find ghillie-local", "helm uninstall ghillie -n ghillie");
        assertThat(client.secrets().inNamespace("ghillie").withName("ghillie").get()).isNull();
        assertThat(client.namespaces().withName("ghillie").get()).isNull();
        assertThat(lines).last().asString().isEqualTo("Secret ghillie and namespace ghillie deleted; cluster ghillie-local kept");
    }

    @Test
    void keepingAStoppedClusterSaysWhatToDo() throws Exception {
        new PreviewDown(k3d(true, false), helm, lines::add).run(settings(), true);

        assertThat(calls).containsExactly("find ghillie-local");
        assertThat(lines).singleElement().asString().contains("is stopped: start it");
    }
}
