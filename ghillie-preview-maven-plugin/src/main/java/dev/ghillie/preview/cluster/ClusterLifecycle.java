package dev.ghillie.preview.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Brings the preview's cluster to "running" whatever state it is in, without ever recreating one that
 * exists: create when absent, start when stopped, reuse when running. Ports are always read back
 * from k3d, so a reused cluster keeps its URL.
 */
public final class ClusterLifecycle {

    private final K3d k3d;
    private final LoopbackPorts ports;

    public ClusterLifecycle(K3d k3d, LoopbackPorts ports) {
        this.k3d = k3d;
        this.ports = ports;
    }

    public PreviewCluster ensure(ClusterSpec spec) {
        String name = spec.name();
        Optional<K3dCluster> existing = k3d.find(name);
        List<String> notes = new ArrayList<>();
        ClusterAction action = ClusterAction.needed(
                existing.isPresent(), existing.map(K3dCluster::running).orElse(false));
        K3dCluster cluster = switch (action) {
            case CREATED -> {
                k3d.create(withConcretePorts(spec));
                yield readBack(name);
            }
            case STARTED -> {
                k3d.start(name);
                yield readBack(name);
            }
            case REUSED -> existing.get();
        };
        if (!cluster.running()) {
            throw new ClusterException("Cluster '" + name + "' was " + action.verb() + " but only "
                    + cluster.serversRunning()
                    + " of " + cluster.serversCount() + " servers run: see `k3d cluster list`, or delete it with"
                    + " `k3d cluster delete " + name + "` and run again");
        }
        HostPort ingress = cluster.ingress()
                .orElseThrow(() -> new ClusterException("Cluster '" + name
                        + "' has no ingress port (no 80/tcp mapping on its load balancer), so the preview cannot be reached:"
                        + " delete it with `k3d cluster delete " + name + "` and run again, or choose another"
                        + " ghillie.preview.cluster"));
        HostPort api = cluster.api()
                .orElseThrow(() -> new ClusterException("Cluster '" + name
                        + "' reports no API port (k3d.server.api.port label): delete it with `k3d cluster delete "
                        + name
                        + "` and run again"));
        if (action != ClusterAction.CREATED && spec.ingressPort() != 0 && spec.ingressPort() != ingress.port()) {
            notes.add(ClusterSpec.PORT_SETTING + " " + spec.ingressPort() + " ignored: cluster " + name
                    + " already serves on " + ingress + " (delete the cluster to change its port)");
        }
        Path kubeconfig = k3d.writeKubeconfig(name);
        return new PreviewCluster(name, api, ingress, kubeconfig, action, notes);
    }

    /** Deletes the cluster; true when there was one. */
    public boolean remove(String name) {
        return k3d.delete(ClusterNameValidator.validate(name));
    }

    private ClusterSpec withConcretePorts(ClusterSpec spec) {
        int ingress = spec.ingressPort();
        if (ingress == 0) {
            ingress = ports.pickFree(Set.of());
        } else if (!ports.isFree(ingress)) {
            throw new ClusterException(ClusterSpec.PORT_SETTING + " " + ingress + ": 127.0.0.1:" + ingress
                    + " is already in use: choose a free port, or 0 to pick one");
        }
        int api = spec.apiPort();
        if (api == 0) {
            api = ports.pickFree(Set.of(ingress));
        } else if (api == ingress || !ports.isFree(api)) {
            throw new ClusterException("ghillie.preview.apiPort " + api + ": 127.0.0.1:" + api
                    + " is already in use: choose a free port, or 0 to pick one");
        }
        return spec.withPorts(api, ingress);
    }

    private K3dCluster readBack(String name) {
        return k3d.find(name)
                .orElseThrow(() -> new ClusterException("k3d reported success but `k3d cluster list " + name
                        + "` does not show the cluster: run `k3d cluster list` to see what happened"));
    }
}
