package dev.ghillie.preview.provider;

import dev.ghillie.preview.cluster.ClusterLifecycle;
import dev.ghillie.preview.cluster.ClusterSpec;
import dev.ghillie.preview.cluster.DockerCheck;
import dev.ghillie.preview.cluster.K3d;
import dev.ghillie.preview.cluster.K3dCluster;
import dev.ghillie.preview.cluster.KubeconfigUpdate;
import dev.ghillie.preview.cluster.KubernetesRequirement;
import dev.ghillie.preview.cluster.LoopbackPorts;
import dev.ghillie.preview.cluster.Preflight;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.settings.PreviewSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * k3d: a cluster of its own with loopback-only API and ingress ports, created, started or reused through the
 * {@code k3d} CLI; images imported into its nodes; deleted by {@code down}.
 */
public final class K3dProvider implements ClusterProvider {

    private final K3d k3d;
    private final Preflight preflight;
    private final DockerCheck dockerCheck;
    private final PreviewSettings settings;

    public K3dProvider(K3d k3d, Preflight preflight, DockerCheck dockerCheck, PreviewSettings settings) {
        this.k3d = k3d;
        this.preflight = preflight;
        this.dockerCheck = dockerCheck;
        this.settings = settings;
    }

    /** For the goals that only look at or remove the cluster: no preflight. */
    public K3dProvider(K3d k3d, PreviewSettings settings) {
        this(k3d, null, DockerCheck.SKIP, settings);
    }

    @Override
    public String id() {
        return "k3d";
    }

    /** k3d names the context after the cluster (k3d kubeconfig get). */
    @Override
    public String context() {
        return "k3d-" + settings.clusterName();
    }

    @Override
    public String describe() {
        return "cluster " + settings.clusterName();
    }

    @Override
    public String preflight(Optional<KubernetesRequirement> kubernetes) {
        return "k3d "
                + preflight
                        .check(dockerCheck, settings.clusterName(), kubernetes)
                        .k3dVersion();
    }

    @Override
    public PreviewCluster ensure() {
        // Built here, not on construction: a wrong name is reported by the settings check at preflight, with the
        // others.
        ClusterSpec spec = ClusterSpec.of(settings.clusterName())
                .withAgents(settings.agents())
                .withPorts(0, settings.ingressPort())
                .withTimeout(settings.clusterTimeout())
                .withKubeconfigUpdate(
                        settings.updateDefaultKubeconfig() ? KubeconfigUpdate.MERGE : KubeconfigUpdate.NONE)
                .withRegistry(settings.registry());
        return new ClusterLifecycle(k3d, new LoopbackPorts()).ensure(spec);
    }

    @Override
    public ClusterState state() {
        Optional<K3dCluster> found = k3d.find(settings.clusterName());
        if (found.isEmpty()) {
            return new ClusterState.Absent(settings.clusterName());
        }
        K3dCluster cluster = found.get();
        int nodes = cluster.serversCount() + cluster.agentsCount();
        if (!cluster.running()) {
            return new ClusterState.Stopped(cluster.name(), nodes);
        }
        return new ClusterState.Running(
                cluster.name(), nodes, cluster.ingress().map(port -> "http://" + port.dialHost() + ":" + port.port()));
    }

    @Override
    public Path kubeconfig() {
        return k3d.writeKubeconfig(settings.clusterName());
    }

    @Override
    public boolean loadsArchives() {
        return true;
    }

    @Override
    public String loadArchive(Path tar, PreviewCluster cluster) {
        k3d.importImage(tar, cluster.name());
        return "imported into " + cluster.name();
    }

    @Override
    public boolean ownsCluster() {
        return true;
    }

    @Override
    public boolean delete() {
        return k3d.delete(settings.clusterName());
    }
}
