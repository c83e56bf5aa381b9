package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.cluster.K3d;
import dev.ghillie.preview.helm.HelmClient;
import dev.ghillie.preview.helm.ReleaseTarget;
import dev.ghillie.preview.kube.ApiFailure;
import dev.ghillie.preview.kube.KubeClientFactory;
import dev.ghillie.preview.kube.Namespaces;
import dev.ghillie.preview.platform.PreviewData;
import dev.ghillie.preview.provider.ClusterProvider;
import dev.ghillie.preview.provider.ClusterState;
import dev.ghillie.preview.provider.K3dProvider;
import dev.ghillie.preview.settings.PreviewSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

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
    private final ProgressSink out;

    /** On k3d. */
    public PreviewDown(K3d k3d, HelmClient helm, ProgressSink out) {
        this(settings -> new K3dProvider(k3d, settings), helm, out);
    }

    public PreviewDown(ClusterProvider provider, HelmClient helm, ProgressSink out) {
        this(settings -> provider, helm, out);
    }

    private PreviewDown(Function<PreviewSettings, ClusterProvider> providers, HelmClient helm, ProgressSink out) {
        this.providers = providers;
        this.helm = helm;
        this.out = out;
    }

    /** Down keeping the data services' data when the cluster is kept. */
    public void run(PreviewSettings settings, boolean keepCluster) {
        run(settings, keepCluster, false);
    }

    /**
     * What down removes, decided before anything is removed: {@link #run} acts on it, {@link #plan} only says it.
     */
    enum Removal {
        /** No cluster: nothing to remove. */
        NOTHING("nothing", "does not exist: nothing to remove"),
        /** The provider made the cluster: delete it, and the data in it. */
        CLUSTER("delete", "deleted, with everything in it"),
        /** Kept but stopped: the release cannot be reached. */
        STOPPED("nothing", "is stopped: start it (or run down without keepCluster) to remove the release"),
        /** A shared cluster without the preview's namespace: the release only. */
        RELEASE("uninstall", "release uninstalled; the namespace does not exist, the cluster is untouched"),
        /** A shared cluster, a namespace up did not create: the release, up's Secret and data services; the namespace stays. */
        RELEASE_AND_DATA(
                "uninstall",
                "release, the app Secret and the data services deleted; the namespace is kept (up did not create it)"),
        /** A shared cluster, the namespace up created: the release and the namespace with everything in it. */
        SHARED_NAMESPACE(
                "uninstall", "release uninstalled and namespace deleted (up created it); the cluster is untouched"),
        /** keepCluster: the release and the app Secret; the data services' data unless dropData. */
        KEPT_CLUSTER(
                "uninstall", "release and app Secret removed; the data services' data, if any, kept for the next up"),
        /** keepCluster with dropData: the data and the namespace too. */
        KEPT_CLUSTER_DROP_DATA("uninstall", "release, app Secret, the data services' data and the namespace removed");

        private final String decision;
        private final String detail;

        Removal(String decision, String detail) {
            this.decision = decision;
            this.detail = detail;
        }
    }

    /** @param dropData with {@code keepCluster}: remove the data services' data and the namespace too */
    public void run(PreviewSettings settings, boolean keepCluster, boolean dropData) {
        ClusterProvider provider = providers.apply(settings);
        provider.requireAllowed();
        Removal removal = decide(provider, settings, keepCluster, dropData);
        switch (removal) {
            case NOTHING -> out.step(provider.describe() + " does not exist: nothing to remove");
            case CLUSTER -> {
                provider.delete();
                out.step(provider.describe() + " deleted");
            }
            case STOPPED ->
                out.step(provider.describe()
                        + " is stopped: start it (or run down without keepCluster) to remove the release");
            default -> removeInside(provider, settings, removal);
        }
    }

    /** {@code -Dghillie.preview.plan=true}: what run would remove, decided as run decides, nothing removed. */
    public UpPlan plan(PreviewSettings settings, boolean keepCluster, boolean dropData) {
        ClusterProvider provider = providers.apply(settings);
        provider.requireAllowed();
        Removal removal = decide(provider, settings, keepCluster, dropData);
        String what = switch (removal) {
            case NOTHING, CLUSTER, STOPPED -> provider.describe() + " " + removal.detail;
            default ->
                "release " + settings.release() + " in namespace " + settings.namespace() + ": " + removal.detail;
        };
        return new UpPlan(
                "down",
                List.of(new UpPlan.Step(
                        removal == Removal.CLUSTER || removal == Removal.NOTHING ? "cluster" : "release",
                        removal.decision,
                        what)));
    }

    /** The one place down decides; reads only. */
    private Removal decide(ClusterProvider provider, PreviewSettings settings, boolean keepCluster, boolean dropData) {
        ClusterState cluster = provider.state();
        if (cluster instanceof ClusterState.Absent) {
            return Removal.NOTHING;
        }
        if (!keepCluster && provider.ownsCluster()) {
            return Removal.CLUSTER;
        }
        if (cluster instanceof ClusterState.Unreachable unreachable) {
            // Not a success: the release and data are still there, and a CI job must not read this as cleaned up.
            throw new PreviewException(provider.describe() + ": " + unreachable.why() + "; nothing removed");
        }
        if (!cluster.running()) {
            return Removal.STOPPED;
        }
        if (provider.ownsCluster()) {
            return dropData ? Removal.KEPT_CLUSTER_DROP_DATA : Removal.KEPT_CLUSTER;
        }
        try (KubernetesClient client = new KubeClientFactory().open(provider.kubeconfig())) {
            if (client.namespaces().withName(settings.namespace()).get() == null) {
                return Removal.RELEASE;
            }
            return Namespaces.createdByPreview(client, settings.namespace())
                    ? Removal.SHARED_NAMESPACE
                    : Removal.RELEASE_AND_DATA;
        }
    }

    private void removeInside(ClusterProvider provider, PreviewSettings settings, Removal removal) {
        Path kubeconfig = provider.kubeconfig();
        helm.uninstall(new ReleaseTarget(settings.release(), settings.namespace(), kubeconfig));
        out.step("release " + settings.release() + " uninstalled from namespace " + settings.namespace());
        try (KubernetesClient client = new KubeClientFactory().open(kubeconfig)) {
            switch (removal) {
                // A shared cluster keeps nothing of the preview's: down removes what up made, its data services too.
                case RELEASE ->
                    out.step("namespace " + settings.namespace() + " does not exist: nothing more to remove; "
                            + provider.describe() + " untouched");
                case RELEASE_AND_DATA -> {
                    // Only the Secret up wrote (labelled so): a Secret of the team's that shares the name stays.
                    Secret appSecret = client.secrets()
                            .inNamespace(settings.namespace())
                            .withName(settings.service().appSecret())
                            .get();
                    if (appSecret != null
                            && appSecret.getMetadata().getLabels() != null
                            && GHILLIE_PREVIEW.equals(
                                    appSecret.getMetadata().getLabels().get(MANAGED_BY))) {
                        client.secrets()
                                .inNamespace(settings.namespace())
                                .withName(settings.service().appSecret())
                                .delete();
                    }
                    removeDataServices(client, settings.namespace());
                    out.step("Secret " + settings.service().appSecret() + " and the data services deleted; namespace "
                            + settings.namespace() + " kept (up did not create it); " + provider.describe()
                            + " untouched");
                }
                case SHARED_NAMESPACE ->
                    new PreviewNamespaceTeardown(client, out)
                            .run(
                                    settings.namespace(),
                                    settings.service().appSecret(),
                                    provider.describe() + " untouched",
                                    true);
                default ->
                    new PreviewNamespaceTeardown(client, out)
                            .run(
                                    settings.namespace(),
                                    settings.service().appSecret(),
                                    provider.describe() + " kept",
                                    removal == Removal.KEPT_CLUSTER_DROP_DATA);
            }
        }
    }

    /** Only what up labelled as its own: a namespace up did not create may hold the user's things beside the preview. */
    private static void removeDataServices(KubernetesClient client, String namespace) {
        // Their operators remove what they made for them (pods, volumes, Services).
        for (ResourceDefinitionContext kind : PreviewData.SERVICE_TYPES) {
            try {
                client.genericKubernetesResources(kind)
                        .inNamespace(namespace)
                        .withLabel(MANAGED_BY, GHILLIE_PREVIEW)
                        .delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw ApiFailure.of(
                            "delete the " + kind.getKind() + " resources (" + kind.getGroup() + "/" + kind.getVersion()
                                    + ") of the preview in namespace " + namespace,
                            e);
                }
                // the operator's resource type is not installed: nothing of that kind to remove
            }
        }
        try {
            client.secrets()
                    .inNamespace(namespace)
                    .withLabel(MANAGED_BY, GHILLIE_PREVIEW)
                    .delete();
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("delete the preview's Secrets in namespace " + namespace, e);
        }
    }
}
