package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.cluster.K3d;
import dev.ghillie.preview.kube.KubeClientFactory;
import dev.ghillie.preview.kube.LabelSelection;
import dev.ghillie.preview.kube.LogFollow;
import dev.ghillie.preview.kube.LogQuery;
import dev.ghillie.preview.kube.PodLogStreamer;
import dev.ghillie.preview.provider.ClusterProvider;
import dev.ghillie.preview.provider.ClusterState;
import dev.ghillie.preview.provider.K3dProvider;
import dev.ghillie.preview.settings.PreviewSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code preview:logs}: the runtime pods' logs, each line prefixed by its pod; with {@code follow},
 * until interrupted, picking up pods that a later rollout creates.
 */
public final class PreviewLogs {

    /** What to show: {@code since} null for all, {@code tail} negative for all lines. */
    public record Options(boolean follow, Duration since, int tail) {}

    /** The provider for the run's settings: a goal's own, or k3d's for the settings run() is given. */
    private final Function<PreviewSettings, ClusterProvider> providers;

    /** On k3d. */
    public PreviewLogs(K3d k3d) {
        this(settings -> new K3dProvider(k3d, settings));
    }

    public PreviewLogs(ClusterProvider provider) {
        this(settings -> provider);
    }

    private PreviewLogs(Function<PreviewSettings, ClusterProvider> providers) {
        this.providers = providers;
    }

    public void run(PreviewSettings settings, Options options, Consumer<String> out) {
        ClusterProvider provider = providers.apply(settings);
        provider.requireAllowed();
        ClusterState state = provider.state();
        if (state instanceof ClusterState.Unreachable unreachable) {
            throw new PreviewException(provider.describe() + ": " + unreachable.why());
        }
        if (!state.running()) {
            throw new PreviewException(provider.describe() + " is not running: run preview:up first");
        }
        Path kubeconfig = provider.kubeconfig();
        LogQuery query = LogQuery.all(LabelSelection.helmRelease(settings.namespace(), settings.release()));
        if (options.since() != null) {
            query = query.withSince(options.since());
        }
        if (options.tail() >= 0) {
            query = query.withTailLines(options.tail());
        }
        try (KubernetesClient client = new KubeClientFactory().open(kubeconfig)) {
            PodLogStreamer logs = new PodLogStreamer(client);
            if (!options.follow()) {
                logs.print(query, out);
                return;
            }
            try (LogFollow follow = logs.follow(query, out, PodLogStreamer.DEFAULT_DISCOVERY_INTERVAL)) {
                follow.awaitClose();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
