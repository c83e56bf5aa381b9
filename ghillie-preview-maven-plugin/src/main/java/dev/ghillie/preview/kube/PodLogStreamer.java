package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.Loggable;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The logs of a release's pods, every line prefixed with {@code [pod/container]}, for {@code preview:logs}.
 *
 * <p>Following keeps looking for pods: pods created later (a new rollout) and restarted containers are streamed
 * as soon as their container has started, from their first line.
 */
public final class PodLogStreamer {

    public static final Duration DEFAULT_DISCOVERY_INTERVAL = Duration.ofSeconds(2);

    private final KubernetesClient client;

    public PodLogStreamer(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Prints the selected logs once, pod by pod (oldest pod first), and returns. */
    public void print(LogQuery query, Consumer<String> lines) {
        List<Pod> pods;
        try {
            pods = pods(query.selection());
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("list the pods labelled " + query.selection().describe(), e);
        }
        for (Pod pod : pods) {
            for (ContainerStatus container : containers(pod)) {
                String prefix = prefix(pod, container.getName());
                if (!started(container)) {
                    lines.accept(prefix + "(container has not started: " + waitingReason(container) + ")");
                    continue;
                }
                try {
                    String log =
                            limited(container(pod, container.getName()), query).getLog();
                    if (log != null) {
                        log.lines().forEach(line -> lines.accept(prefix + line));
                    }
                } catch (KubernetesClientException e) {
                    lines.accept(prefix + "(logs unavailable: HTTP " + e.getCode() + ")");
                }
            }
        }
    }

    /**
     * Streams the selected logs until the returned handle is closed. {@code since} and {@code tailLines} apply to
     * the containers already running now; containers that start later are shown from their first line.
     *
     * @param lines receives one prefixed line at a time (calls are serialised)
     */
    public LogFollow follow(LogQuery query, Consumer<String> lines, Duration discoveryInterval) {
        Consumer<String> serialised = line -> {
            synchronized (lines) {
                lines.accept(line);
            }
        };
        ScheduledExecutorService discovery = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ghillie-log-discovery");
            thread.setDaemon(true);
            return thread;
        });
        LogFollow follow = new LogFollow(discovery);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        boolean[] firstRound = {true};
        discovery.scheduleWithFixedDelay(
                () -> {
                    try {
                        discover(query, serialised, follow, seen, firstRound[0]);
                        firstRound[0] = false;
                    } catch (KubernetesClientException e) {
                        // The API server may be briefly unreachable (e.g. a restarting k3d node); look again next
                        // round.
                    }
                },
                0,
                discoveryInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        return follow;
    }

    private void discover(LogQuery query, Consumer<String> lines, LogFollow follow, Set<String> seen, boolean first) {
        for (Pod pod : pods(query.selection())) {
            for (ContainerStatus container : containers(pod)) {
                // A restart is a new instance with new output: the restart count makes it a new stream.
                String key = pod.getMetadata().getUid() + "/" + container.getName() + "/" + container.getRestartCount();
                if (!started(container) || follow.isClosed() || !seen.add(key)) {
                    continue;
                }
                var resource = container(pod, container.getName());
                LogWatch watch;
                try {
                    watch = first ? limited(resource, query).watchLog() : resource.watchLog();
                } catch (KubernetesClientException e) {
                    seen.remove(key); // try this container again next round
                    continue;
                }
                follow.streams().put(key, watch);
                String prefix = prefix(pod, container.getName());
                Thread.ofVirtual()
                        .name("ghillie-log-" + pod.getMetadata().getName())
                        .start(() -> {
                            try (BufferedReader reader = new BufferedReader(
                                    new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = reader.readLine()) != null) {
                                    lines.accept(prefix + line);
                                }
                            } catch (IOException e) {
                                // The stream ends when the pod goes away or the follow is closed.
                            } finally {
                                follow.streams().remove(key);
                                watch.close();
                            }
                        });
            }
        }
    }

    private List<Pod> pods(LabelSelection selection) {
        return client
                .pods()
                .inNamespace(selection.namespace())
                .withLabels(selection.labels())
                .list()
                .getItems()
                .stream()
                .sorted(Comparator.comparing((Pod p) ->
                                Objects.requireNonNullElse(p.getMetadata().getCreationTimestamp(), ""))
                        .thenComparing(p -> p.getMetadata().getName()))
                .toList();
    }

    private TimeTailPrettyLoggable container(Pod pod, String container) {
        return client.pods()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName())
                .inContainer(container);
    }

    private static Loggable limited(TimeTailPrettyLoggable resource, LogQuery query) {
        var since = query.since() == null
                ? resource
                : resource.sinceSeconds(Math.toIntExact(query.since().toSeconds()));
        return query.tailLines() < 0 ? since : since.tailingLines(query.tailLines());
    }

    /** The app containers, in the order the pod declares them. */
    private static List<ContainerStatus> containers(Pod pod) {
        List<ContainerStatus> statuses =
                pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                        ? List.of()
                        : pod.getStatus().getContainerStatuses();
        List<String> order =
                pod.getSpec().getContainers().stream().map(c -> c.getName()).toList();
        return statuses.stream()
                .sorted(Comparator.comparingInt(s -> order.indexOf(s.getName())))
                .toList();
    }

    private static boolean started(ContainerStatus status) {
        return status.getState() != null
                && (status.getState().getRunning() != null || status.getState().getTerminated() != null);
    }

    private static String waitingReason(ContainerStatus status) {
        return status.getState() != null && status.getState().getWaiting() != null
                ? status.getState().getWaiting().getReason()
                : "pending";
    }

    private static String prefix(Pod pod, String container) {
        return "[" + pod.getMetadata().getName() + "/" + container + "] ";
    }
}
