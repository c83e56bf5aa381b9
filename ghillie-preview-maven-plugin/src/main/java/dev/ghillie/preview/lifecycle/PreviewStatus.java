package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.cluster.K3d;
import dev.ghillie.preview.helm.HelmClient;
import dev.ghillie.preview.helm.ReleaseRevision;
import dev.ghillie.preview.helm.ReleaseTarget;
import dev.ghillie.preview.kube.KubeClientFactory;
import dev.ghillie.preview.kube.LabelSelection;
import dev.ghillie.preview.kube.PodStatusReader;
import dev.ghillie.preview.kube.PodSummary;
import dev.ghillie.preview.kube.PortForwardSession;
import dev.ghillie.preview.kube.PortForwarder;
import dev.ghillie.preview.kube.ReleaseServices;
import dev.ghillie.preview.provider.ClusterProvider;
import dev.ghillie.preview.provider.ClusterState;
import dev.ghillie.preview.provider.K3dProvider;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.PreviewSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.List;
import java.util.Optional;

/**
 * {@code preview:status}: asks k3d, Helm, Kubernetes and the URL, and changes nothing. The URL is the
 * one {@code up} recorded (a port-forward's only lives as long as its build), else the ingress.
 */
public final class PreviewStatus {

    /** The provider for the run's settings: a goal's own, or k3d's for the settings run() is given. */
    private final Function<PreviewSettings, ClusterProvider> providers;
    private final HelmClient helm;
    private final PreviewProbe probe = new PreviewProbe();

    /** On k3d. */
    public PreviewStatus(K3d k3d, HelmClient helm) {
        this(settings -> new K3dProvider(k3d, settings), helm);
    }

    public PreviewStatus(ClusterProvider provider, HelmClient helm) {
        this(settings -> provider, helm);
    }

    private PreviewStatus(Function<PreviewSettings, ClusterProvider> providers, HelmClient helm) {
        this.providers = providers;
        this.helm = helm;
    }

    public StatusReport report(PreviewSettings settings, Optional<String> recordedUrl) {
        ClusterProvider provider = providers.apply(settings);
        String healthPath = settings.service().healthPath();
        ClusterState cluster = provider.state();
        if (!(cluster instanceof ClusterState.Running running)) {
            String state = cluster instanceof ClusterState.Stopped ? "stopped" : "absent";
            int nodes = cluster instanceof ClusterState.Stopped stopped ? stopped.nodes() : 0;
            return new StatusReport(cluster.name(), state, nodes, settings.namespace(), Optional.empty(), List.of(),
                    Optional.empty(), Optional.empty(), healthPath, provider.id(), provider.context());
        }
        int nodes = running.nodes();
        Path kubeconfig = provider.kubeconfig();
        List<ReleaseRevision> history = helm.history(new ReleaseTarget(settings.release(), settings.namespace(), kubeconfig));
        Optional<StatusReport.ReleaseStatus> release = history.isEmpty() ? Optional.empty()
                : Optional.of(new StatusReport.ReleaseStatus(settings.release(), history.getLast().revision(), history.getLast().status()));
        try (KubernetesClient client = new KubeClientFactory().open(kubeconfig)) {
            LabelSelection selection = LabelSelection.helmRelease(settings.namespace(), settings.release());
            List<PodSummary> pods = new PodStatusReader(client).pods(selection);
            Optional<String> url;
            Optional<Boolean> health;
            if (settings.access() == AccessMode.PORT_FORWARD) {
                // up's forward lived only as long as its build: open one for this check.
                url = Optional.of("port-forward (opened by each build that needs it)");
                health = pods.isEmpty() ? Optional.of(false) : Optional.of(healthThroughForward(client, settings, selection));
            } else {
                url = recordedUrl.or(running::ingressUrl);
                health = url.map(u -> probe.get(u, settings.service().healthPath()).status() == 200);
            }
            return new StatusReport(cluster.name(), "running", nodes, settings.namespace(), release, pods, url, health,
                    healthPath, provider.id(), provider.context());
        }
    }

    private boolean healthThroughForward(KubernetesClient client, PreviewSettings settings, LabelSelection selection) {
        Optional<String> service = ReleaseServices.first(client, selection);
        if (service.isEmpty()) {
            return false;
        }
        try (PortForwardSession forward = new PortForwarder(client).forwardService(settings.namespace(), service.get(), 0, 0)) {
            return probe.get(forward.url().toString().replaceAll("/$", ""), settings.service().healthPath()).status() == 200;
        } catch (PreviewException e) {
            return false;
        }
    }
}
