package dev.ghillie.preview.dev;

import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.kube.KubeClientFactory;
import dev.ghillie.preview.kube.LabelSelection;
import dev.ghillie.preview.kube.LogFollow;
import dev.ghillie.preview.kube.LogQuery;
import dev.ghillie.preview.kube.PodLogStreamer;
import dev.ghillie.preview.lifecycle.PreviewProbe;
import dev.ghillie.preview.lifecycle.PreviewUp;
import dev.ghillie.preview.lifecycle.UpSteps;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.DebugPort;
import dev.ghillie.preview.settings.PlatformSelection;
import dev.ghillie.preview.settings.PreviewSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code preview:dev}, read top to bottom: {@code up} as it always runs; then the service pods' logs streamed from
 * here on (new pods from their first line); then the watcher, and one {@link DevLoop} round per change until
 * {@link #stop()} (Ctrl-C). Ending removes nothing: the preview stays as the last round left it.
 */
public final class PreviewDev {

    /** Lines of each running pod's log shown when streaming starts: enough to see it start, not its history. */
    private static final int TAIL_AT_START = 5;

    private static final Duration LOG_DISCOVERY = Duration.ofSeconds(1);
    /** A burst that never goes quiet (a tool rewriting a file in a loop) still makes a round after this. */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(3);

    /** What the loop watches and how long a burst of saves must be quiet. */
    /** {@code debug}: the debugger's port when {@code ghillie.preview.debug} is on; its forward follows each rollout. */
    public record Options(WatchedInputs inputs, Duration quietPeriod, Optional<DebugPort> debug) {}

    private final PreviewSettings settings;
    private final UpSteps steps;
    private final TimedServiceBuild moduleBuild;
    private final DependencyBuild dependencyBuild;
    private final Options options;
    private final ProgressSink out;
    private final Consumer<String> podLines;
    private final Consumer<PreviewUp.Result> onServing;
    private final Runnable beforeWaiting;
    private volatile SourceWatcher watcher;
    private volatile boolean stopped;

    /**
     * @param steps       {@code up}'s steps; their service build must be {@code moduleBuild}
     * @param podLines    receives the pods' log lines, {@code [pod/container] line}
     * @param onServing   called once {@code up} serves and after each round that serves (the caller records preview.json)
     * @param beforeWaiting called on the loop's thread each time before it waits for a change (the mojo takes Ctrl-C back
     *                    from Helm's native library there)
     */
    public PreviewDev(
            PreviewSettings settings,
            UpSteps steps,
            TimedServiceBuild moduleBuild,
            DependencyBuild dependencyBuild,
            Options options,
            ProgressSink out,
            Consumer<String> podLines,
            Consumer<PreviewUp.Result> onServing,
            Runnable beforeWaiting) {
        this.beforeWaiting = beforeWaiting;
        this.settings = settings;
        this.steps = steps;
        this.moduleBuild = moduleBuild;
        this.dependencyBuild = dependencyBuild;
        this.options = options;
        this.out = out;
        this.podLines = podLines;
        this.onServing = onServing;
    }

    /** Up, then rounds until {@link #stop()}. */
    public void run() {
        PreviewUp.Result up =
                new PreviewUp(steps, PlatformSelection.of(settings.platform()), settings.service(), out).run();
        onServing.accept(up);
        LabelSelection release = LabelSelection.helmRelease(settings.namespace(), settings.release());
        KubeClientFactory clients = new KubeClientFactory();
        DevLoop loop = null;
        try (KubernetesClient logClient = clients.open(up.cluster().kubeconfig());
                LogFollow logs = new PodLogStreamer(logClient)
                        .follow(LogQuery.all(release).withTailLines(TAIL_AT_START), podLines, LOG_DISCOVERY);
                // Either may be null (ingress; no debugger): try-with-resources skips a null.
                PortForwardRefresh urlRefresh = settings.access() == AccessMode.PORT_FORWARD
                        ? new PortForwardRefresh(clients.open(up.cluster().kubeconfig()), release, out)
                        : null;
                DebuggerRefresh debuggerRefresh = options.debug()
                        .map(port ->
                                new DebuggerRefresh(clients.open(up.cluster().kubeconfig()), release, port, out))
                        .orElse(null);
                SourceWatcher sources = new SourceWatcher(
                        options.inputs(),
                        new Debounce(
                                options.quietPeriod(),
                                LONGEST_WAIT.compareTo(options.quietPeriod()) < 0
                                        ? options.quietPeriod()
                                        : LONGEST_WAIT),
                        Clock.systemUTC())) {
            watcher = sources;
            if (stopped) {
                return;
            }
            out.step("watching " + sources.watchedDirectories() + " directories (the service's sources and resources"
                    + (options.inputs().dependencySources().isEmpty() ? "" : ", its reactor dependencies'")
                    + ", the chart"
                    + (options.inputs().valuesFiles().isEmpty() ? "" : ", the values files")
                    + ") for changes; Ctrl-C ends the loop,"
                    + " the preview stays up");
            DevLoop[] self = new DevLoop[1];
            loop = new DevLoop(
                    steps,
                    up.cluster(),
                    up.image(),
                    up.appSecretChecksum(),
                    up.access(),
                    moduleBuild,
                    dependencyBuild,
                    new VersionServing(new PreviewProbe(), settings.service(), settings.rolloutTimeout()),
                    refresh(urlRefresh, debuggerRefresh),
                    out,
                    round -> onServing.accept(new PreviewUp.Result(
                            up.cluster(),
                            round.served().orElseThrow(),
                            self[0].access(),
                            up.platformServices(),
                            round.stages(),
                            up.appSecretChecksum())),
                    Clock.systemUTC());
            self[0] = loop;
            loop.run(() -> {
                beforeWaiting.run();
                return sources.awaitChange();
            });
        } finally {
            closeQuietly((loop == null ? up.access() : loop.access()).session());
        }
    }

    /** Ends the loop at the next wait for a change (from a shutdown hook: Ctrl-C); a round under way is not waited for. */
    public void stop() {
        stopped = true;
        SourceWatcher current = watcher;
        if (current != null) {
            current.close();
        }
    }

    /** The port-forward's refresh when there is one (ingress needs none), then the debugger's when it is on. */
    private static AccessRefresh refresh(PortForwardRefresh url, DebuggerRefresh debugger) {
        AccessRefresh first = url == null ? AccessRefresh.UNCHANGED : url;
        return debugger == null ? first : access -> debugger.afterRollout(first.afterRollout(access));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // ending anyway
        }
    }
}
