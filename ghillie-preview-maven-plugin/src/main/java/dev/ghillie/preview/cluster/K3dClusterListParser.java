package dev.ghillie.preview.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code k3d cluster list -o json}: an array of clusters whose {@code nodes} carry the API port
 * (server node {@code runtimeLabels}) and the ingress port (load balancer {@code portMappings["80/tcp"]}).
 */
final class K3dClusterListParser {

    private static final String INGRESS_CONTAINER_PORT = "80/tcp";
    private final ObjectMapper mapper = new ObjectMapper();

    List<K3dCluster> parse(String stdout) {
        JsonNode root;
        try {
            root = mapper.readTree(jsonLine(stdout));
        } catch (JsonProcessingException e) {
            throw new ClusterException("`k3d cluster list -o json` printed something that is not JSON ("
                    + e.getOriginalMessage() + "): check that `k3d` on the PATH is k3d v5");
        }
        if (root == null || !root.isArray()) {
            throw new ClusterException("`k3d cluster list -o json` did not print a JSON array: check that `k3d` on the"
                    + " PATH is k3d v5");
        }
        List<K3dCluster> clusters = new ArrayList<>();
        for (JsonNode cluster : root) {
            clusters.add(toCluster(cluster));
        }
        return clusters;
    }

    /** k3d prints the array on one line; with --verbose, log lines may precede it on stdout. */
    private static String jsonLine(String stdout) {
        List<String> lines = stdout.lines().map(String::strip).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("[")) {
                return lines.get(i);
            }
        }
        return stdout.strip();
    }

    private static K3dCluster toCluster(JsonNode cluster) {
        JsonNode nodes = cluster.path("nodes");
        return new K3dCluster(
                cluster.path("name").asText(),
                cluster.path("serversRunning").asInt(),
                cluster.path("serversCount").asInt(),
                cluster.path("agentsRunning").asInt(),
                cluster.path("agentsCount").asInt(),
                apiOf(nodes),
                ingressOf(nodes));
    }

    private static Optional<HostPort> apiOf(JsonNode nodes) {
        for (JsonNode node : nodes) {
            JsonNode labels = node.path("runtimeLabels");
            if ("server".equals(node.path("role").asText()) && labels.hasNonNull("k3d.server.api.port")) {
                return port(labels.path("k3d.server.api.port").asText())
                        .map(p -> new HostPort(
                                labels.path("k3d.server.api.hostIP").asText(""), p));
            }
        }
        return Optional.empty();
    }

    /** The load balancer carries the mapping; without one (--no-lb) a server node may. */
    private static Optional<HostPort> ingressOf(JsonNode nodes) {
        Optional<HostPort> fromLoadBalancer = Optional.empty();
        Optional<HostPort> fromOtherNode = Optional.empty();
        for (JsonNode node : nodes) {
            JsonNode bindings = node.path("portMappings").path(INGRESS_CONTAINER_PORT);
            if (!bindings.isArray() || bindings.isEmpty()) {
                continue;
            }
            JsonNode first = bindings.get(0);
            Optional<HostPort> found = port(first.path("HostPort").asText())
                    .map(p -> new HostPort(first.path("HostIp").asText(""), p));
            if ("loadbalancer".equals(node.path("role").asText())) {
                fromLoadBalancer = found;
            } else if (fromOtherNode.isEmpty()) {
                fromOtherNode = found;
            }
        }
        return fromLoadBalancer.isPresent() ? fromLoadBalancer : fromOtherNode;
    }

    private static Optional<Integer> port(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            return port > 0 && port <= 65535 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
