package dev.ghillie.preview.provider.existing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.cluster.ClusterAction;
import dev.ghillie.preview.cluster.ClusterException;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.provider.ClusterState;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.ProviderKind;
import dev.ghillie.preview.settings.ProviderSettings;
import dev.ghillie.preview.settings.SettingsException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true, https = false)
class ExistingClusterProviderTest {

    KubernetesMockServer server;

    @TempDir
    Path tmp;

    private Path userKubeconfig;
    private String userKubeconfigText;

    @BeforeEach
    void usersKubeconfig() throws Exception {
        userKubeconfigText = """
                apiVersion: v1
                kind: Config
                current-context: k8s-local
                contexts:
                - name: k8s-local
                  context: {cluster: local, user: admin}
                - name: kind-pr
                  context: {cluster: local, user: admin}
                clusters:
                - name: local
                  cluster: {server: "%s"}
                users:
                - name: admin
                  user: {token: not-a-real-token}
                """.formatted(server.url("/").replaceAll("/$", ""));
        userKubeconfig = Files.writeString(
                Files.createDirectories(tmp.resolve("home/.kube")).resolve("config"), userKubeconfigText);
    }

    private PreviewSettings settings(ProviderSettings provider, Map<String, String> environment, AccessMode access) {
        ChartSource chart = new ChartSource.Local(tmp);
        return PreviewSettings.builder()
                .clusterTimeout(Duration.ofMinutes(1))
                .chartDir(tmp)
                .access(access)
                .platform(new PlatformSettings(false, false, chart, chart, Duration.ofMinutes(1)))
                .rolloutTimeout(Duration.ofMinutes(1))
                .projectDir(tmp)
                .workDir(tmp.resolve("work"))
                .environment(environment)
                .provider(provider)
                .build();
    }

    private PreviewSettings settings(Optional<String> context, boolean allowRemote) {
        return settings(
                new ProviderSettings(ProviderKind.EXISTING, Optional.empty(), context, allowRemote),
                Map.of("HOME", tmp.resolve("home").toString()),
                AccessMode.PORT_FORWARD);
    }

    @Test
    void aContextThatIsNotALocalClustersNeedsAllowRemote() {
        assertThatThrownBy(() ->
                        new ExistingClusterProvider(settings(Optional.empty(), false)).preflight(Optional.empty()))
                .isInstanceOf(SettingsException.class)
                .hasMessage(
                        "context 'k8s-local' is not a local cluster's (k3d-*, kind-*, docker-desktop, minikube, rancher-desktop,"
                                + " orbstack), and previews must never land on a shared cluster by accident: if this cluster is yours to"
                                + " preview on, add -Dghillie.preview.allowRemote=true");
        assertThat(tmp.resolve("work")).doesNotExist();

        assertThat(new ExistingClusterProvider(settings(Optional.empty(), true)).preflight(Optional.empty()))
                .isEqualTo("existing cluster at " + server.url("/").replaceAll("/$", "") + " (kubeconfig "
                        + userKubeconfig + ")");
        assertThat(new ExistingClusterProvider(settings(Optional.of("kind-pr"), false)).preflight(Optional.empty()))
                .startsWith("existing");
    }

    @Test
    void localNames() {
        assertThat(List.of("k3d-x", "kind-y", "docker-desktop", "minikube", "rancher-desktop", "orbstack"))
                .allMatch(ExistingClusterProvider::looksLocal);
        assertThat(List.of("prod", "gke_project_zone_prod", "k8s-local", "kind", "minikube-2"))
                .noneMatch(ExistingClusterProvider::looksLocal);
    }

    @Test
    void ingressIsRefusedAtPreflight() {
        PreviewSettings ingress = settings(
                new ProviderSettings(ProviderKind.EXISTING, Optional.empty(), Optional.of("kind-pr"), false),
                Map.of("HOME", tmp.resolve("home").toString()),
                AccessMode.INGRESS);

        assertThatThrownBy(() -> new ExistingClusterProvider(ingress).preflight(Optional.empty()))
                .hasMessageStartingWith(
                        "ghillie.preview.access=ingress: an existing cluster's ingress is not on this machine's loopback");
    }

    @Test
    void usesTheNamedContextThroughAFileOfItsOwnAndLeavesTheUsersKubeconfigAsItWas() throws Exception {
        ExistingClusterProvider provider = new ExistingClusterProvider(settings(Optional.of("kind-pr"), false));

        PreviewCluster cluster = provider.ensure();

        assertThat(cluster.name()).isEqualTo("kind-pr");
        assertThat(cluster.action()).isEqualTo(ClusterAction.REUSED);
        assertThat(cluster.loopbackIngressUrl()).isEmpty();
        assertThat(cluster.kubeconfig())
                .isEqualTo(tmp.resolve("home/.config/ghillie-preview/kubeconfig-existing-kind-pr.yaml")
                        .toAbsolutePath());
        assertThat(Files.readString(cluster.kubeconfig()))
                .contains("current-context: \"kind-pr\"")
                .doesNotContain("k8s-local");
        assertThat(Files.getPosixFilePermissions(cluster.kubeconfig()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(userKubeconfig)).isEqualTo(userKubeconfigText);
        assertThat(provider.ownsCluster()).isFalse();
        assertThat(provider.loadsArchives()).isFalse();
        assertThat(provider.describe()).isEqualTo("context kind-pr (existing cluster)");
    }

    @Test
    void honoursKubeconfigAndTheSettingBeatsIt() throws Exception {
        Path other = Files.writeString(
                tmp.resolve("other.yaml"),
                userKubeconfigText.replace("current-context: k8s-local", "current-context: kind-pr"));
        PreviewSettings fromVariable = settings(
                ProviderSettings.of(ProviderKind.EXISTING),
                Map.of("HOME", tmp.resolve("home").toString(), "KUBECONFIG", other.toString()),
                AccessMode.PORT_FORWARD);
        assertThat(new ExistingClusterProvider(fromVariable).context()).isEqualTo("kind-pr");

        PreviewSettings fromSetting = settings(
                new ProviderSettings(ProviderKind.EXISTING, Optional.of(userKubeconfig), Optional.empty(), true),
                Map.of("KUBECONFIG", other.toString()),
                AccessMode.PORT_FORWARD);
        assertThat(new ExistingClusterProvider(fromSetting).context()).isEqualTo("k8s-local");
    }

    @Test
    void stateAsksTheApiServer() {
        ExistingClusterProvider provider = new ExistingClusterProvider(settings(Optional.of("kind-pr"), false));

        assertThat(provider.state()).isEqualTo(new ClusterState.Running("kind-pr", 0, Optional.empty()));
    }

    @Test
    void aServerThatDoesNotAnswerIsUnreachableNotRunning() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Files.writeString(
                userKubeconfig,
                userKubeconfigText.replaceAll("server: \"[^\"]*\"", "server: \"http://127.0.0.1:" + closed + "\""));
        ExistingClusterProvider provider = new ExistingClusterProvider(settings(Optional.of("kind-pr"), false));

        ClusterState state = provider.state();

        assertThat(state).isInstanceOf(ClusterState.Unreachable.class);
        assertThat(state.running()).isFalse();
        assertThat(state.name()).isEqualTo("kind-pr");
        assertThat(((ClusterState.Unreachable) state).why())
                .isEqualTo("its API server http://127.0.0.1:" + closed + " does not answer");
    }

    @Test
    void aServerWithoutASchemeIsOneClearLine() throws Exception {
        Files.writeString(
                userKubeconfig, userKubeconfigText.replaceAll("server: \"[^\"]*\"", "server: \"127.0.0.1:6443\""));
        ExistingClusterProvider provider = new ExistingClusterProvider(settings(Optional.of("kind-pr"), false));

        assertThatThrownBy(provider::ensure)
                .isInstanceOf(ClusterException.class)
                .hasMessage("cluster 'local' of context 'kind-pr' has server '127.0.0.1:6443' in the kubeconfig ("
                        + userKubeconfig + "), not a URL: write it with its scheme, e.g. https://127.0.0.1:6443");
        assertThatThrownBy(provider::state).isInstanceOf(ClusterException.class);
    }
}
