package dev.ghillie.preview.cluster;

import java.util.Optional;

/**
 * One cluster from {@code k3d cluster list -o json}.
 *
 * @param api     the Kubernetes API as published on the host (server node's {@code k3d.server.api.*} labels)
 * @param ingress the host side of container port 80 on the load balancer, when one is mapped
 */
public record K3dCluster(
        String name,
        int serversRunning,
        int serversCount,
        int agentsRunning,
        int agentsCount,
        Optional<HostPort> api,
        Optional<HostPort> ingress) {

    /** All servers up. A partly started cluster counts as stopped: {@code k3d cluster start} finishes it. */
    public boolean running() {
        return serversCount > 0 && serversRunning == serversCount;
    }
}
