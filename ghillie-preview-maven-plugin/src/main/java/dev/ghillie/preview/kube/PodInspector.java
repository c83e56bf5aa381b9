package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Explains in words why a pod is not ready: container states, probes, events and the last log lines. */
final class PodInspector {

    private static final int MAX_EVENTS = 5;
    private static final int MAX_LOG_LINE_LENGTH = 400;

    private final KubernetesClient client;
    private final EventReader events;
    private final int logLines;

    PodInspector(KubernetesClient client, int logLines) {
        this.client = client;
        this.events = new EventReader(client);
        this.logLines = logLines;
    }

    /** The first container (init containers first) that waits for a reason that will not go away by itself. */
    Optional<ContainerProblem> unrecoverable(Pod pod) {
        return statuses(pod)
                .filter(s -> waiting(s) != null
                        && ContainerProblem.UNRECOVERABLE_REASONS.contains(
                                waiting(s).getReason())
                        && !ContainerProblem.clearsByItself(
                                waiting(s).getReason(), waiting(s).getMessage()))
                .findFirst()
                .map(s -> new ContainerProblem(
                        pod.getMetadata().getName(),
                        s.getName(),
                        waiting(s).getReason(),
                        EventReader.oneLine(waiting(s).getMessage()),
                        s.getImage()));
    }

    /**
     * One line on why a pod is not ready, as {@link #describe} says it for its first unhappy container (without events
     * or logs): for {@code preview:status}, which asks every pod once and must stay quick.
     */
    Optional<String> whyNotReady(Pod pod) {
        for (PodCondition condition :
                nullSafe(pod.getStatus() == null ? null : pod.getStatus().getConditions())) {
            if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
                return Optional.of("not scheduled: " + EventReader.oneLine(condition.getMessage()));
            }
        }
        return statuses(pod)
                .filter(s -> !Boolean.TRUE.equals(s.getReady()))
                .findFirst()
                .map(status -> "container " + status.getName() + ": " + state(pod, status));
    }

    /** Indented lines describing a not-ready pod, including events and log lines of its unhappy containers. */
    List<String> describe(Pod pod) {
        String name = pod.getMetadata().getName();
        String namespace = pod.getMetadata().getNamespace();
        List<String> lines = new ArrayList<>();
        lines.add("  pod/" + name + " (phase " + phase(pod) + "):");
        for (PodCondition condition :
                nullSafe(pod.getStatus() == null ? null : pod.getStatus().getConditions())) {
            if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
                lines.add("    not scheduled: " + EventReader.oneLine(condition.getMessage()));
            }
        }
        List<ContainerStatus> unhappy =
                statuses(pod).filter(s -> !Boolean.TRUE.equals(s.getReady())).toList();
        for (ContainerStatus status : unhappy) {
            lines.add("    container " + status.getName() + ": " + state(pod, status));
        }
        List<String> recent = events.recent(namespace, "Pod", name, true, MAX_EVENTS);
        if (!recent.isEmpty()) {
            lines.add("    recent warning events:");
            recent.forEach(e -> lines.add("      " + e));
        }
        for (ContainerStatus status : unhappy) {
            if (hasLogs(status)) {
                boolean previous = waiting(status) != null && orZero(status.getRestartCount()) > 0;
                lines.addAll(lastLogLines(namespace, name, status.getName(), previous));
            }
        }
        return lines;
    }

    private String state(Pod pod, ContainerStatus status) {
        int count = orZero(status.getRestartCount());
        String restarts = count == 0 ? "" : ", restarted " + count + (count == 1 ? " time" : " times");
        String lastExit = Optional.ofNullable(status.getLastState())
                .map(s -> s.getTerminated())
                .map(PodInspector::exit)
                .map(t -> ", last exit: " + t)
                .orElse("");
        if (waiting(status) != null) {
            ContainerStateWaiting waiting = waiting(status);
            String message = EventReader.oneLine(waiting.getMessage());
            return "waiting, " + waiting.getReason() + (message.isEmpty() ? "" : " (" + message + ")") + restarts
                    + lastExit;
        }
        if (status.getState() != null && status.getState().getTerminated() != null) {
            return "terminated, " + exit(status.getState().getTerminated()) + restarts;
        }
        if (status.getState() != null && status.getState().getRunning() != null) {
            return container(pod, status.getName())
                            .map(Container::getReadinessProbe)
                            .map(probe -> "running but not ready: its readiness probe (" + describe(probe)
                                    + ") does not pass")
                            .orElse("running but not ready")
                    + restarts
                    + lastExit;
        }
        return "not started yet";
    }

    private static String exit(ContainerStateTerminated terminated) {
        return "exit code " + terminated.getExitCode()
                + (terminated.getReason() == null ? "" : " (" + terminated.getReason() + ")");
    }

    /** {@code HTTP GET /ready on port 8080}: the probe as the user wrote it in the chart. */
    static String describe(Probe probe) {
        if (probe.getHttpGet() != null) {
            String port = probe.getHttpGet().getPort() == null
                    ? "?"
                    : String.valueOf(probe.getHttpGet().getPort().getValue());
            String path = probe.getHttpGet().getPath() == null
                    ? "/"
                    : probe.getHttpGet().getPath();
            return "HTTP GET " + path + " on port " + port;
        }
        if (probe.getTcpSocket() != null) {
            return "TCP connect to port "
                    + (probe.getTcpSocket().getPort() == null
                            ? "?"
                            : probe.getTcpSocket().getPort().getValue());
        }
        if (probe.getGrpc() != null) {
            return "gRPC health check on port " + probe.getGrpc().getPort();
        }
        if (probe.getExec() != null) {
            return "exec " + String.join(" ", nullSafe(probe.getExec().getCommand()));
        }
        return "unspecified";
    }

    private List<String> lastLogLines(String namespace, String pod, String container, boolean previous) {
        List<String> lines = new ArrayList<>();
        String title = "    last " + logLines + " log lines of container " + container
                + (previous ? " (previous instance)" : "") + ":";
        try {
            var resource = client.pods().inNamespace(namespace).withName(pod).inContainer(container);
            String log = previous
                    ? resource.terminated().tailingLines(logLines).getLog()
                    : resource.tailingLines(logLines).getLog();
            List<String> logged = log == null ? List.of() : log.lines().toList();
            lines.add(title);
            if (logged.isEmpty()) {
                lines.add("      (no output)");
            }
            logged.subList(Math.max(0, logged.size() - logLines), logged.size())
                    .forEach(l -> lines.add("      | " + truncate(l)));
        } catch (KubernetesClientException e) {
            lines.add("    logs of container " + container + " unavailable (HTTP " + e.getCode() + ")");
        }
        return lines;
    }

    private static String truncate(String line) {
        return line.length() <= MAX_LOG_LINE_LENGTH ? line : line.substring(0, MAX_LOG_LINE_LENGTH) + "…";
    }

    /** A container that never started (image or configuration problem) has no logs to show. */
    private static boolean hasLogs(ContainerStatus status) {
        ContainerStateWaiting waiting = waiting(status);
        if (waiting == null) {
            return status.getState() != null;
        }
        return orZero(status.getRestartCount()) > 0;
    }

    private static Stream<ContainerStatus> statuses(Pod pod) {
        if (pod.getStatus() == null) {
            return Stream.empty();
        }
        return Stream.concat(
                nullSafe(pod.getStatus().getInitContainerStatuses()).stream(),
                nullSafe(pod.getStatus().getContainerStatuses()).stream());
    }

    private static Optional<Container> container(Pod pod, String name) {
        return Stream.concat(
                        nullSafe(pod.getSpec().getInitContainers()).stream(),
                        nullSafe(pod.getSpec().getContainers()).stream())
                .filter(c -> name.equals(c.getName()))
                .findFirst();
    }

    private static ContainerStateWaiting waiting(ContainerStatus status) {
        return status.getState() == null ? null : status.getState().getWaiting();
    }

    static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null
                ? "Unknown"
                : pod.getStatus().getPhase();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
