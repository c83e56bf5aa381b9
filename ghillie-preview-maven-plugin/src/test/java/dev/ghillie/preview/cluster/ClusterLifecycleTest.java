package dev.ghillie.preview.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterLifecycleTest {

    private static final Pattern CREATE = Pattern.compile(
            "k3d cluster create demo --api-port 127\\.0\\.0\\.1:(\\d+) -p 127\\.0\\.0\\.1:(\\d+):80@loadbalancer --agents 0"
                    + " --wait --timeout 180s --kubeconfig-update-default=false --kubeconfig-switch-context=false");

    @TempDir
    Path tmp;

    private FakeK3d fake;
    private ClusterLifecycle lifecycle;

    @BeforeEach
    void installFake() {
        fake = FakeK3d.withK3dAndDocker(tmp);
        lifecycle = new ClusterLifecycle(fake.k3d(), new LoopbackPorts());
    }

    @Test
    void createsAnAbsentClusterOnFreeLoopbackPortsAndReadsThemBack() {
        PreviewCluster cluster = lifecycle.ensure(ClusterSpec.of("demo"));

        assertThat(fake.calls()).hasSize(4);
        assertThat(fake.calls().get(0)).isEqualTo("k3d cluster list demo -o json");
        Matcher create = CREATE.matcher(fake.calls().get(1));
        assertThat(create.matches()).as(fake.calls().get(1)).isTrue();
        assertThat(fake.calls().subList(2, 4))
                .containsExactly("k3d cluster list demo -o json", "k3d kubeconfig write demo");

        assertThat(cluster.action()).isEqualTo(ClusterAction.CREATED);
        assertThat(cluster.api().port()).isEqualTo(Integer.parseInt(create.group(1)));
        assertThat(cluster.ingress().port()).isEqualTo(Integer.parseInt(create.group(2)));
        assertThat(cluster.api().port()).isNotEqualTo(cluster.ingress().port());
        assertThat(cluster.ingressUrl()).isEqualTo("http://127.0.0.1:" + create.group(2));
        assertThat(cluster.kubeconfig())
                .isEqualTo(fake.xdgConfig().resolve("kubeconfig-demo.yaml"))
                .exists();
        assertThat(cluster.notes()).isEmpty();
        assertThat(cluster.summary())
                .isEqualTo("cluster demo created (ingress http://127.0.0.1:" + create.group(2) + ", API 127.0.0.1:"
                        + create.group(1) + ")");
    }

    @Test
    void usesTheRequestedIngressPort() {
        int port = new LoopbackPorts().pickFree(Set.of());

        PreviewCluster cluster = lifecycle.ensure(ClusterSpec.of("demo").withPorts(0, port));

        assertThat(fake.calls().get(1)).contains(" -p 127.0.0.1:" + port + ":80@loadbalancer ");
        assertThat(cluster.ingress().port()).isEqualTo(port);
    }

    @Test
    void reusesARunningClusterAndKeepsItsRealPortSoTheUrlStaysTheSame() {
        PreviewCluster first = lifecycle.ensure(ClusterSpec.of("demo"));
        fake.forgetCalls();
        int otherPort = new LoopbackPorts().pickFree(Set.of(first.ingress().port()));

        PreviewCluster again = lifecycle.ensure(ClusterSpec.of("demo").withPorts(0, otherPort));

        assertThat(fake.calls()).containsExactly("k3d cluster list demo -o json", "k3d kubeconfig write demo");
        assertThat(again.action()).isEqualTo(ClusterAction.REUSED);
        assertThat(again.ingressUrl()).isEqualTo(first.ingressUrl());
        assertThat(again.api()).isEqualTo(first.api());
        assertThat(again.notes())
                .containsExactly("ghillie.preview.port (GHILLIE_K3D_PORT, INGRESS_PORT) " + otherPort
                        + " ignored: cluster demo already" + " serves on 127.0.0.1:"
                        + first.ingress().port() + " (delete the cluster to change its port)");
    }

    @Test
    void startsAStoppedClusterAndKeepsItsPorts() {
        PreviewCluster first = lifecycle.ensure(ClusterSpec.of("demo"));
        fake.k3d().stop("demo");
        fake.forgetCalls();

        PreviewCluster again = lifecycle.ensure(ClusterSpec.of("demo"));

        assertThat(fake.calls())
                .containsExactly(
                        "k3d cluster list demo -o json",
                        "k3d cluster start demo",
                        "k3d cluster list demo -o json",
                        "k3d kubeconfig write demo");
        assertThat(again.action()).isEqualTo(ClusterAction.STARTED);
        assertThat(again.ingress()).isEqualTo(first.ingress());
    }

    @Test
    void aBusyRequestedPortFailsBeforeK3dCreatesAnything() throws IOException {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();

            assertThatThrownBy(() -> lifecycle.ensure(ClusterSpec.of("demo").withPorts(0, port)))
                    .isInstanceOf(ClusterException.class)
                    .hasMessage("ghillie.preview.port (GHILLIE_K3D_PORT, INGRESS_PORT) " + port + ": 127.0.0.1:" + port
                            + " is already in use: choose a free port, or 0 to pick one");
        }
        assertThat(fake.calls()).containsExactly("k3d cluster list demo -o json");
    }

    @Test
    void aFailedCreateIsReportedAndNothingIsLeftBehind() {
        fake.set("FAKE_K3D_FAIL_CREATE", "1");
        ClusterLifecycle failing = new ClusterLifecycle(fake.k3d(), new LoopbackPorts());

        assertThatThrownBy(() -> failing.ensure(ClusterSpec.of("demo")))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("`k3d cluster create demo` failed (exit 1): Cluster creation FAILED");
        assertThat(fake.k3d().find("demo")).isEmpty();
    }

    @Test
    void aStartThatFailsIsReported() {
        lifecycle.ensure(ClusterSpec.of("demo"));
        fake.k3d().stop("demo");
        fake.set("FAKE_K3D_FAIL_START", "1");

        assertThatThrownBy(() -> new ClusterLifecycle(fake.k3d(), new LoopbackPorts()).ensure(ClusterSpec.of("demo")))
                .hasMessageStartingWith("`k3d cluster start demo` failed (exit 1): Failed to start cluster 'demo'");
    }

    @Test
    void anExistingClusterWithoutIngressMappingCannotServeThePreview() {
        fake.runner().run(java.time.Duration.ofSeconds(30), "k3d", "cluster", "create", "demo");

        assertThatThrownBy(() -> lifecycle.ensure(ClusterSpec.of("demo")))
                .hasMessage(
                        "Cluster 'demo' has no ingress port (no 80/tcp mapping on its load balancer), so the preview"
                                + " cannot be reached: delete it with `k3d cluster delete demo` and run again, or choose another"
                                + " ghillie.preview.cluster");
    }

    @Test
    void removeOfAnAbsentClusterIsNotAnError() {
        assertThat(lifecycle.remove("demo")).isFalse();
        lifecycle.ensure(ClusterSpec.of("demo"));
        assertThat(lifecycle.remove("demo")).isTrue();
    }
}
