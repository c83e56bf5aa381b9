package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.DurationText;
import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.cluster.K3d;
import dev.ghillie.preview.cluster.K3dCluster;
import dev.ghillie.preview.helm.HelmClient;
import dev.ghillie.preview.helm.ReleaseTarget;
import dev.ghillie.preview.kube.KubeClientFactory;
import dev.ghillie.preview.settings.PreviewSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code preview:down}: deletes the cluster, or with {@code keepCluster} removes only what up put
 * into it for the app (release, app Secret, namespace with its data services) and keeps the cluster
 * and the operators for a faster next up. Nothing there is success: down converges too.
 */
public final class PreviewDown {

    static final Duration NAMESPACE_DELETION = Duration.ofMinutes(2);

    private final K3d k3d;
    private final HelmClient helm;
    private final Consumer<String> out;

    public PreviewDown(K3d k3d, HelmClient helm, Consumer<String> out) {
        this.k3d = k3d;
        this.helm = helm;
        this.out = out;
    }

    public void run(PreviewSettings settings, boolean keepCluster) {
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
            client.secrets().inNamespace(settings.namespace()).withName(settings.service().appSecret()).delete();
            client.namespaces().withName(settings.namespace()).delete();
            // A namespace stays Terminating while its contents go; an up right after would fail to
            // write into it, so down returns only once it is gone.
            client.namespaces().withName(settings.namespace()).waitUntilCondition(Objects::isNull,
                    NAMESPACE_DELETION.toSeconds(), TimeUnit.SECONDS);
        } catch (KubernetesClientException e) {
            throw new PreviewException("namespace " + settings.namespace() + " was not deleted within "
                    + DurationText.of(NAMESPACE_DELETION) + ": check what keeps it (kubectl get namespace "
                    + settings.namespace() + " -o yaml) and run down again");
        }
        out.accept("Secret " + settings.service().appSecret() + " and namespace " + settings.namespace()
                + " deleted; cluster " + settings.clusterName() + " kept");
    }
}
