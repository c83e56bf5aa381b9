package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.cluster.K3d;
import dev.ghillie.preview.cluster.K3dCluster;
import dev.ghillie.preview.helm.HelmClient;
import dev.ghillie.preview.helm.ReleaseTarget;
import dev.ghillie.preview.kube.KubeClientFactory;
import dev.ghillie.preview.settings.PreviewSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code preview:down}: deletes the cluster (and the data in it), or with {@code keepCluster} removes
 * the release and the app Secret and keeps the cluster, the operators and the data services' data for
 * the next up ({@link PreviewNamespaceTeardown}); {@code dropData} removes that data and the namespace
 * too. Nothing there is success: down converges too.
 */
public final class PreviewDown {

    private final K3d k3d;
    private final HelmClient helm;
    private final Consumer<String> out;

    public PreviewDown(K3d k3d, HelmClient helm, Consumer<String> out) {
        this.k3d = k3d;
        this.helm = helm;
        this.out = out;
    }

    /** Down keeping the data services' data when the cluster is kept. */
    public void run(PreviewSettings settings, boolean keepCluster) {
        run(settings, keepCluster, false);
    }

    /** @param dropData with {@code keepCluster}: remove the data services' data and the namespace too */
    public void run(PreviewSettings settings, boolean keepCluster, boolean dropData) {
        Optional<K3dCluster> cluster = k3d.find(settings.clusterName());
        if (cluster.isEmpty()) {
            out.accept("cluster " + settings.clusterName() + " does not exist: nothing to remove");
            return;
        }
        if (!keepCluster) {
            k3d.delete(settings.clusterName());
            out.accept("cluster " + settings.clusterName() + " deleted");
            return;
        }
        if (!cluster.get().running()) {
            out.accept("cluster " + settings.clusterName() + " is stopped: start it (or run down without keepCluster) to remove the release");
            return;
        }
        Path kubeconfig = k3d.writeKubeconfig(settings.clusterName());
        helm.uninstall(new ReleaseTarget(settings.release(), settings.namespace(), kubeconfig));
        out.accept("release " + settings.release() + " uninstalled from namespace " + settings.namespace());
        try (KubernetesClient client = new KubeClientFactory().open(kubeconfig)) {
            new PreviewNamespaceTeardown(client, out).run(settings.namespace(), settings.service().appSecret(), settings.clusterName(),
                    dropData);
        }
    }
}
