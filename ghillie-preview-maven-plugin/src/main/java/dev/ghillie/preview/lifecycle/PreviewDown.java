package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.cluster.K3d;
import dev.ghillie.preview.helm.HelmClient;
import dev.ghillie.preview.helm.ReleaseTarget;
import dev.ghillie.preview.kube.ApiFailure;
import dev.ghillie.preview.kube.KubeClientFactory;
import dev.ghillie.preview.kube.Namespaces;
import dev.ghillie.preview.provider.ClusterProvider;
import dev.ghillie.preview.provider.ClusterState;
import dev.ghillie.preview.provider.K3dProvider;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.platform.PreviewData;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Consumer;

/**
 * {@code preview:down}: deletes the cluster (and the data in it), or with {@code keepCluster} removes
 * the release and the app Secret and keeps the cluster, the operators and the data services' data for
 * the next up ({@link PreviewNamespaceTeardown}); {@code dropData} removes that data and the namespace
 * too. Nothing there is success: down converges too. A cluster the provider does not own (existing) is
 * never deleted: down removes what up made there, its data services included, and the namespace only
 * when up created it.
 */
public final class PreviewDown {

    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final String GHILLIE_PREVIEW = "ghillie-preview";

    /** The provider for the run's settings: a goal's own, or k3d's for the settings run() is given. */
    private final Function<PreviewSettings, ClusterProvider> providers;
    private final HelmClient helm;
    private final Consumer<String> out;

    /** On k3d. */
    public PreviewDown(K3d k3d, HelmClient helm, Consumer<String> out) {
        this(settings -> new K3dProvider(k3d, settings), helm, out);
    }

    public PreviewDown(ClusterProvider provider, HelmClient helm, Consumer<String> out) {
        this(settings -> provider, helm, out);
    }

    private PreviewDown(Function<PreviewSettings, ClusterProvider> providers, HelmClient helm, Consumer<String> out) {
        this.providers = providers;
        this.helm = helm;
        this.out = out;
    }

    /** Down keeping the data services' data when the cluster is kept. */
    public void run(PreviewSettings settings, boolean keepCluster) {
        run(settings, keepCluster, false);
    }

    /** @param dropData with {@code keepCluster}: remove the data services' data and the namespace too */
    public void run(PreviewSettings settings, boolean keepCluster, boolean dropData) {
        ClusterProvider provider = providers.apply(settings);
        provider.requireAllowed();
        ClusterState cluster = provider.state();
        if (cluster instanceof ClusterState.Absent) {
            out.accept(provider.describe() + " does not exist: nothing to remove");
            return;
        }
        if (!keepCluster && provider.ownsCluster()) {
            provider.delete();
            out.accept(provider.describe() + " deleted");
            return;
        }
        if (cluster instanceof ClusterState.Unreachable unreachable) {
            // Not a success: the release and data are still there, and a CI job must not read this as cleaned up.
            throw new PreviewException(provider.describe() + ": " + unreachable.why() + "; nothing removed");
        }
        if (!cluster.running()) {
            out.accept(provider.describe() + " is stopped: start it (or run down without keepCluster) to remove the release");
            return;
        }
        Path kubeconfig = provider.kubeconfig();
        helm.uninstall(new ReleaseTarget(settings.release(), settings.namespace(), kubeconfig));
        out.accept("release " + settings.release() + " uninstalled from namespace " + settings.namespace());
        try (KubernetesClient client = new KubeClientFactory().open(kubeconfig)) {
            if (!provider.ownsCluster()) {
                // A shared cluster keeps nothing of the preview's: down removes what up made, its data services too.
                if (client.namespaces().withName(settings.namespace()).get() == null) {
                    out.accept("namespace " + settings.namespace() + " does not exist: nothing more to remove; " + provider.describe()
                            + " untouched");
                    return;
                }
                if (!Namespaces.createdByPreview(client, settings.namespace())) {
                    // Only the Secret up wrote (labelled so): a Secret of the team's that shares the name stays.
                    Secret appSecret = client.secrets().inNamespace(settings.namespace()).withName(settings.service().appSecret()).get();
                    if (appSecret != null && appSecret.getMetadata().getLabels() != null
                            && GHILLIE_PREVIEW.equals(appSecret.getMetadata().getLabels().get(MANAGED_BY))) {
                        client.secrets().inNamespace(settings.namespace()).withName(settings.service().appSecret()).delete();
                    }
                    removeDataServices(client, settings.namespace());
                    out.accept("Secret " + settings.service().appSecret() + " and the data services deleted; namespace " + settings.namespace()
                            + " kept (up did not create it); " + provider.describe() + " untouched");
                    return;
                }
                new PreviewNamespaceTeardown(client, out).run(settings.namespace(), settings.service().appSecret(),
                        provider.describe() + " untouched", true);
                return;
            }
            new PreviewNamespaceTeardown(client, out).run(settings.namespace(), settings.service().appSecret(),
                    provider.describe() + " kept", dropData);
        }
    }

    /** Only what up labelled as its own: a namespace up did not create may hold the user's things beside the preview. */
    private static void removeDataServices(KubernetesClient client, String namespace) {
        // Their operators remove what they made for them (pods, volumes, Services).
        for (ResourceDefinitionContext kind : PreviewData.SERVICE_TYPES) {
            try {
                client.genericKubernetesResources(kind).inNamespace(namespace).withLabel(MANAGED_BY, GHILLIE_PREVIEW).delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw ApiFailure.of("delete the " + kind.getKind() + " resources (" + kind.getGroup() + "/" + kind.getVersion()
                            + ") of the preview in namespace " + namespace, e);
                }
                // the operator's resource type is not installed: nothing of that kind to remove
            }
        }
        try {
            client.secrets().inNamespace(namespace).withLabel(MANAGED_BY, GHILLIE_PREVIEW).delete();
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("delete the preview's Secrets in namespace " + namespace, e);
        }
    }
}
