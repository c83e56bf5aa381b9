package dev.ghillie.preview.provider.existing;

import dev.ghillie.preview.cluster.ClusterAction;
import dev.ghillie.preview.cluster.ClusterException;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.cluster.KubernetesRequirement;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.kube.ApiFailure;
import dev.ghillie.preview.kube.ApiServerProbe;
import dev.ghillie.preview.kube.KubeClientFactory;
import dev.ghillie.preview.provider.ClusterProvider;
import dev.ghillie.preview.provider.ClusterState;
import dev.ghillie.preview.provider.KubeconfigFiles;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.SettingsException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * existing: a cluster the user names by kubeconfig and context, never created or deleted by the plugin. The image
 * reaches it through a registry (its nodes cannot be handed an archive); it is reached by port-forward. A context
 * whose name is not one of the local clusters' needs {@code ghillie.preview.allowRemote=true}: a preview must never
 * land on a shared or production cluster by accident.
 */
public final class ExistingClusterProvider implements ClusterProvider {

    /** The context names local cluster tools give their clusters; any other may be shared. */
    static final Set<String> LOCAL_CONTEXTS = Set.of("docker-desktop", "minikube", "rancher-desktop", "orbstack");

    static final List<String> LOCAL_CONTEXT_PREFIXES = List.of("k3d-", "kind-");

    private final PreviewSettings settings;

    public ExistingClusterProvider(PreviewSettings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return "existing";
    }

    @Override
    public String context() {
        return selection().context();
    }

    @Override
    public String describe() {
        return "context " + context() + " (existing cluster)";
    }

    /** The one-context kubeconfig the preview writes for its clients (preview.json names it), one per context. */
    Path kubeconfigFile(String context) {
        return KubeconfigFiles.directory(settings.environment())
                .resolve("kubeconfig-existing-" + context.replaceAll("[^A-Za-z0-9._-]", "_") + ".yaml");
    }

    @Override
    public void requireAllowed() {
        String context = selection().context();
        if (!settings.provider().allowRemote() && !looksLocal(context)) {
            throw new SettingsException(
                    "context '" + context + "' is not a local cluster's (k3d-*, kind-*, docker-desktop,"
                            + " minikube, rancher-desktop, orbstack), and previews must never land on a shared cluster by accident: if this"
                            + " cluster is yours to preview on, add -Dghillie.preview.allowRemote=true");
        }
    }

    @Override
    public String preflight(Optional<KubernetesRequirement> kubernetes) {
        KubeconfigSelection selection = selection();
        requireAllowed();
        if (settings.access() == AccessMode.INGRESS) {
            throw new SettingsException(
                    "ghillie.preview.access=ingress: an existing cluster's ingress is not on this machine's loopback;"
                            + " use ghillie.preview.access=port-forward (the default with ghillie.preview.provider=existing)");
        }
        return "existing cluster at " + selection.server() + " (" + kubeconfigOrigin() + ")";
    }

    static boolean looksLocal(String context) {
        return LOCAL_CONTEXTS.contains(context)
                || LOCAL_CONTEXT_PREFIXES.stream().anyMatch(context::startsWith);
    }

    /** Reaches the API server: nothing is created, and a cluster that does not answer stops up here, before the release. */
    @Override
    public PreviewCluster ensure() {
        KubeconfigSelection selection = selection();
        Path kubeconfig = KubeconfigFiles.writePrivate(kubeconfigFile(selection.context()), selection.yaml());
        try (KubernetesClient client = new KubeClientFactory().open(kubeconfig)) {
            client.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            throw ApiFailure.of(
                    "reach the API server of context " + selection.context() + " (" + selection.server() + ")", e);
        }
        return new PreviewCluster(
                selection.context(), selection.apiServer(), HostPort.NONE, kubeconfig, ClusterAction.REUSED, List.of());
    }

    /**
     * Running when its API server answers, asked with short timeouts; the plugin neither made it nor can start it, so a
     * server that does not answer is reported as such. Nodes are not listed (RBAC may forbid it).
     */
    @Override
    public ClusterState state() {
        KubeconfigSelection selection = selection();
        Path kubeconfig = KubeconfigFiles.writePrivate(kubeconfigFile(selection.context()), selection.yaml());
        if (!new ApiServerProbe().answers(kubeconfig)) {
            return new ClusterState.Unreachable(
                    selection.context(), "its API server " + selection.server() + " does not answer");
        }
        return new ClusterState.Running(selection.context(), 0, Optional.empty());
    }

    @Override
    public Path kubeconfig() {
        KubeconfigSelection selection = selection();
        return KubeconfigFiles.writePrivate(kubeconfigFile(selection.context()), selection.yaml());
    }

    @Override
    public boolean loadsArchives() {
        return false;
    }

    @Override
    public String loadArchive(Path tar, PreviewCluster cluster) {
        throw new ClusterException("an image archive cannot be loaded into " + describe()
                + ": push it to a registry its nodes pull" + " from (ghillie.preview.imageTarget=registry)");
    }

    @Override
    public boolean ownsCluster() {
        return false;
    }

    @Override
    public boolean delete() {
        throw new IllegalStateException("an existing cluster is never deleted by the plugin");
    }

    private KubeconfigSelection selection() {
        return KubeconfigSelection.select(kubeconfigFiles(), settings.provider().context(), kubeconfigOrigin());
    }

    /** As kubectl: the file given, else every file KUBECONFIG lists, else ~/.kube/config. */
    private List<Path> kubeconfigFiles() {
        if (settings.provider().kubeconfig().isPresent()) {
            return List.of(settings.provider().kubeconfig().get());
        }
        String variable = settings.environment().getOrDefault("KUBECONFIG", "");
        if (!variable.isBlank()) {
            return Arrays.stream(variable.split(File.pathSeparator))
                    .filter(part -> !part.isBlank())
                    .map(Path::of)
                    .toList();
        }
        return List.of(home().resolve(".kube").resolve("config"));
    }

    private String kubeconfigOrigin() {
        if (settings.provider().kubeconfig().isPresent()) {
            return "kubeconfig " + settings.provider().kubeconfig().get();
        }
        String variable = settings.environment().getOrDefault("KUBECONFIG", "");
        return variable.isBlank()
                ? "kubeconfig " + home().resolve(".kube").resolve("config")
                : "KUBECONFIG " + variable;
    }

    private Path home() {
        String home = settings.environment().get("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }
}
