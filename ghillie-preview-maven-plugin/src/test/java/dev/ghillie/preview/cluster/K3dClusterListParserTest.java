package dev.ghillie.preview.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class K3dClusterListParserTest {

    private final K3dClusterListParser parser = new K3dClusterListParser();

    @Test
    void noClustersIsAnEmptyArray() {
        assertThat(parser.parse("[]\n")).isEmpty();
    }

    @Test
    void readsTheEndToEndShimsOutputForARunningCluster() throws IOException {
        List<K3dCluster> clusters = parser.parse(resource("shim-running.json"));

        assertThat(clusters)
                .containsExactly(new K3dCluster(
                        "ghillie-local",
                        1,
                        1,
                        0,
                        0,
                        Optional.of(new HostPort("127.0.0.1", 41234)),
                        Optional.of(new HostPort("127.0.0.1", 41235))));
        assertThat(clusters.getFirst().running()).isTrue();
    }

    @Test
    void aStoppedClusterKeepsItsPortsButIsNotRunning() throws IOException {
        K3dCluster cluster = parser.parse(resource("shim-stopped.json")).getFirst();

        assertThat(cluster.running()).isFalse();
        assertThat(cluster.ingress()).contains(new HostPort("127.0.0.1", 41235));
    }

    @Test
    void readsSeveralClustersWithAgentsAndAnIngressBoundToAllInterfaces() {
        String json = "["
                + cluster(
                        "one",
                        2,
                        2,
                        3,
                        "0.0.0.0",
                        "6550",
                        "{\"80/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"8081\"}]}")
                + "," + cluster("two", 0, 1, 0, "127.0.0.1", "6551", "{}") + "]";

        List<K3dCluster> clusters = parser.parse(json);

        assertThat(clusters).extracting(K3dCluster::name).containsExactly("one", "two");
        K3dCluster one = clusters.getFirst();
        assertThat(one.agentsCount()).isEqualTo(3);
        assertThat(one.api()).contains(new HostPort("0.0.0.0", 6550));
        assertThat(one.ingress().orElseThrow().dialHost()).isEqualTo("127.0.0.1");
        assertThat(one.ingress().orElseThrow().port()).isEqualTo(8081);
        assertThat(clusters.get(1).ingress()).isEmpty();
        assertThat(clusters.get(1).running()).isFalse();
    }

    @Test
    void findsTheIngressOnAServerNodeWhenThereIsNoLoadBalancer() {
        String json =
                "[{\"name\":\"nolb\",\"serversRunning\":1,\"serversCount\":1,\"agentsRunning\":0,\"agentsCount\":0,"
                        + "\"nodes\":[{\"name\":\"k3d-nolb-server-0\",\"role\":\"server\",\"portMappings\":{\"80/tcp\":"
                        + "[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"9090\"}]},\"runtimeLabels\":{\"k3d.server.api.port\":\"6550\","
                        + "\"k3d.server.api.hostIP\":\"127.0.0.1\"}}]}]";

        assertThat(parser.parse(json).getFirst().ingress()).contains(new HostPort("127.0.0.1", 9090));
    }

    @Test
    void skipsLogLinesPrintedBeforeTheJson() {
        String stdout = "DEBU[0000] Runtime Info: &{Name:docker}\nDEBU[0000] Listing clusters\n[]\n";

        assertThat(parser.parse(stdout)).isEmpty();
    }

    @Test
    void somethingElseThanJsonIsAClearError() {
        assertThatThrownBy(() -> parser.parse("NAME   SERVERS   AGENTS   LOADBALANCER\n"))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("k3d cluster list -o json")
                .hasMessageContaining("k3d v5");
        assertThatThrownBy(() -> parser.parse("{\"name\":\"x\"}")).hasMessageContaining("did not print a JSON array");
    }

    private static String cluster(
            String name, int running, int count, int agents, String apiHost, String apiPort, String lbMappings) {
        return "{\"name\":\"" + name + "\",\"serversRunning\":" + running + ",\"serversCount\":" + count
                + ",\"agentsRunning\":" + (running == count ? agents : 0) + ",\"agentsCount\":" + agents
                + ",\"nodes\":["
                + "{\"name\":\"k3d-" + name + "-server-0\",\"role\":\"server\",\"portMappings\":{},\"runtimeLabels\":"
                + "{\"k3d.server.api.hostIP\":\"" + apiHost + "\",\"k3d.server.api.port\":\"" + apiPort + "\"}},"
                + "{\"name\":\"k3d-" + name + "-serverlb\",\"role\":\"loadbalancer\",\"portMappings\":" + lbMappings
                + ",\"runtimeLabels\":{}}]}";
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = K3dClusterListParserTest.class.getResourceAsStream("/k3d-list/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
