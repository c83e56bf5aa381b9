package dev.ghillie.preview.provider.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.cluster.ClusterAction;
import dev.ghillie.preview.cluster.DockerCheck;
import dev.ghillie.preview.cluster.FakeK3d;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.cluster.LoopbackPorts;
import dev.ghillie.preview.cluster.PreflightException;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.provider.ClusterState;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.ProviderKind;
import dev.ghillie.preview.settings.ProviderSettings;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kind provider over the fake {@code kind} (shared/reference/kind.md), its kubeconfig pointing at the mock API server. */
@EnableKubernetesMockClient(crud = true, https = false)
class KindProviderTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    private FakeK3d fake;

    @BeforeEach
    void fakeKind() throws Exception {
        Path kubeconfig = Files.writeString(tmp.resolve("mock-kubeconfig.yaml"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: mock
                current-context: mock
                users:
                - name: mock
                  user:
                    token: not-a-real-token
                """.formatted(
                        server.url("/").replaceAll("/$", "")));
        fake = FakeK3d.withKindAndDocker(tmp.resolve("fake")).set("FAKE_KIND_KUBECONFIG", kubeconfig.toString());
    }

    private PreviewSettings settings(String cluster, int ingressPort, boolean updateDefaultKubeconfig) {
        ChartSource chart = new ChartSource.Local(tmp);
        return PreviewSettings.builder()
                .clusterName(cluster)
                .agents(1)
                .ingressPort(ingressPort)
                .clusterTimeout(Duration.ofSeconds(90))
                .updateDefaultKubeconfig(updateDefaultKubeconfig)
                .chartDir(tmp)
                .access(AccessMode.PORT_FORWARD)
                .platform(new PlatformSettings(false, false, chart, chart, Duration.ofMinutes(1)))
                .rolloutTimeout(Duration.ofMinutes(1))
                .projectDir(tmp)
                .workDir(tmp.resolve("work"))
                .environment(fake.environment())
                .provider(ProviderSettings.of(ProviderKind.KIND))
                .build();
    }

    private KindProvider provider(PreviewSettings settings) {
        return new KindProvider(fake.runner(), DockerCheck.AUTO, settings, new LoopbackPorts());
    }

    @Test
    void preflightNamesAMissingKindWithItsInstallAddress() {
        FakeK3d noKind = FakeK3d.install(tmp.resolve("no-kind"), false, true);
        KindProvider provider = new KindProvider(
                noKind.runner(), DockerCheck.AUTO, settings("ghillie-local", 0, false), new LoopbackPorts());

        assertThatThrownBy(() -> provider.preflight(Optional.empty()))
                .isInstanceOf(PreflightException.class)
                .hasMessage("kind is not on the PATH (ghillie.preview.provider=kind): install kind from"
                        + " https://kind.sigs.k8s.io/docs/user/quick-start/#installation");
    }

    @Test
    void preflightReportsKindsVersionAndAStoppedDocker() {
        assertThat(provider(settings("ghillie-local", 0, false)).preflight(Optional.empty()))
                .isEqualTo("kind v0.33.0");

        fake.set("FAKE_DOCKER_DAEMON", "down");
        assertThatThrownBy(() -> provider(settings("ghillie-local", 0, false)).preflight(Optional.empty()))
                .hasMessageStartingWith("Docker daemon is not answering (`docker info` exit 1)");
    }

    @Test
    void createsTheClusterFromAGeneratedConfigWithEveryPortOnLoopbackAndLeavesTheUsersKubeconfigAlone()
            throws Exception {
        PreviewSettings settings = settings("pr-42.preview", 0, false);

        PreviewCluster cluster = provider(settings).ensure();

        assertThat(cluster.action()).isEqualTo(ClusterAction.CREATED);
        Path work = settings.workDir().toAbsolutePath();
        assertThat(fake.calls())
                .contains("kind create cluster --name pr-42.preview --config "
                        + work.resolve("kind-config-pr-42.preview.yaml") + " --wait 90s --kubeconfig "
                        + fake.xdgConfig().resolve("ghillie-preview/kubeconfig-kind-pr-42.preview.yaml"));
        String config = Files.readString(work.resolve("kind-config-pr-42.preview.yaml"));
        assertThat(config)
                .contains(
                        "apiVersion: kind.x-k8s.io/v1alpha4",
                        "apiServerAddress: \"127.0.0.1\"",
                        "hostPort: " + cluster.ingress().port(),
                        "listenAddress: \"127.0.0.1\"",
                        "- role: worker",
                        "ghillie.dev/ingress-host-port: \"" + cluster.ingress().port() + "\"");
        // Every host port on loopback: no listenAddress other than 127.0.0.1 (kind's default is 0.0.0.0).
        Matcher listen = Pattern.compile("listenAddress: \"([^\"]*)\"").matcher(config);
        while (listen.find()) {
            assertThat(listen.group(1)).isEqualTo("127.0.0.1");
        }
        assertThat(cluster.ingress())
                .isEqualTo(new HostPort("127.0.0.1", cluster.ingress().port()));
        // Outside the project, as k3d's: credentials never land in target/, which CI jobs archive.
        assertThat(cluster.kubeconfig())
                .isEqualTo(fake.xdgConfig().resolve("ghillie-preview/kubeconfig-kind-pr-42.preview.yaml"));
        assertThat(Files.readString(cluster.kubeconfig())).contains("current-context: kind-pr-42.preview");
        assertThat(Files.getPosixFilePermissions(cluster.kubeconfig()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(fake.home().resolve(".kube/config")).doesNotExist();
        assertThat(fake.calls()).noneMatch(call -> call.startsWith("kind export"));
    }

    @Test
    void reusesARunningClusterAndFindsItsIngressPortOnTheNode() {
        PreviewCluster first = provider(settings("ghillie-local", 0, false)).ensure();
        // What kind's node labels from the generated config put on the control-plane node.
        client.nodes()
                .resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName("ghillie-local-control-plane")
                        .addToLabels(
                                KindConfig.INGRESS_PORT_LABEL,
                                Integer.toString(first.ingress().port()))
                        .endMetadata()
                        .build())
                .create();
        fake.forgetCalls();

        PreviewCluster again = provider(settings("ghillie-local", 0, false)).ensure();

        assertThat(again.action()).isEqualTo(ClusterAction.REUSED);
        assertThat(again.ingressUrl()).isEqualTo(first.ingressUrl());
        assertThat(again.notes()).isEmpty();
        assertThat(fake.calls()).noneMatch(call -> call.startsWith("kind create"));
    }

    @Test
    void aClusterNotMadeByUpIsReachedByPortForward() {
        fake.set("FAKE_KIND_FAIL_CREATE", "0");
        provider(settings("theirs", 0, false)).ensure();
        client.nodes().withName("theirs-control-plane").delete();

        PreviewCluster again = provider(settings("theirs", 0, false)).ensure();

        assertThat(again.loopbackIngressUrl()).isEmpty();
        assertThat(again.notes()).singleElement().asString().contains("no ingress port on 127.0.0.1 is known");
    }

    @Test
    void updatingTheDefaultKubeconfigIsAskedFor() {
        provider(settings("ghillie-local", 0, true)).ensure();

        assertThat(fake.calls()).contains("kind export kubeconfig --name ghillie-local");
        assertThat(fake.home().resolve(".kube/config")).exists();
    }

    @Test
    void loadsTheImageArchiveIntoTheNamedCluster() throws Exception {
        KindProvider provider = provider(settings("ghillie-local", 0, false));
        PreviewCluster cluster = provider.ensure();
        Path tar = Files.writeString(tmp.resolve("image.tar"), "not really a tar");

        assertThat(provider.loadArchive(tar, cluster)).isEqualTo("loaded into kind cluster ghillie-local");
        assertThat(fake.calls()).contains("kind load image-archive " + tar + " --name ghillie-local");
    }

    @Test
    void deleteRemovesAListedClusterAndIsFalseWhenItIsGone() {
        KindProvider provider = provider(settings("ghillie-local", 0, false));
        provider.ensure();
        assertThat(provider.state()).isEqualTo(new ClusterState.Running("ghillie-local", 2, Optional.empty()));

        assertThat(provider.delete()).isTrue();
        assertThat(fake.calls())
                .contains("kind delete cluster --name ghillie-local --kubeconfig " + provider.kubeconfigFile());
        assertThat(provider.state()).isEqualTo(new ClusterState.Absent("ghillie-local"));
        fake.forgetCalls();
        assertThat(provider.delete()).isFalse();
        assertThat(fake.calls()).noneMatch(call -> call.startsWith("kind delete"));
    }

    @Test
    void aFailingCreateIsKindsOwnErrorLine() {
        fake.set("FAKE_KIND_FAIL_CREATE", "1");

        assertThatThrownBy(() -> provider(settings("ghillie-local", 0, false)).ensure())
                .hasMessage("`kind create cluster` failed: failed to create cluster: command \"docker run --name"
                        + " ghillie-local-control-plane ...\" failed with error: exit status 125");
    }

    /** kind get clusters lists a cluster whose node containers are stopped (docker ps -a): only its API says whether it runs. */
    @Test
    void aListedClusterWhoseApiDoesNotAnswerIsNotRunning() throws Exception {
        provider(settings("ghillie-local", 0, false)).ensure();
        int closed;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Path dead = Files.writeString(
                tmp.resolve("dead-kubeconfig.yaml"),
                Files.readString(tmp.resolve("mock-kubeconfig.yaml"))
                        .replaceAll("server: .*", "server: http://127.0.0.1:" + closed));
        fake.set("FAKE_KIND_KUBECONFIG", dead.toString());

        ClusterState state = provider(settings("ghillie-local", 0, false)).state();

        assertThat(state)
                .isEqualTo(
                        new ClusterState.Unreachable(
                                "ghillie-local",
                                "its API server http://127.0.0.1:" + closed
                                        + " does not answer (are its node containers stopped? docker ps -a --filter label=io.x-k8s.kind.cluster=ghillie-local)"));
    }
}
