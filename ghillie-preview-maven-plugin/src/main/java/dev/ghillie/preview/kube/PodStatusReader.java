package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A snapshot of a release's pods for {@code preview:status}. */
public final class PodStatusReader {

    private final KubernetesClient client;
    private final Clock clock;

    public PodStatusReader(KubernetesClient client) {
        this(client, Clock.systemUTC());
    }

    PodStatusReader(KubernetesClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The selected pods, sorted by name, each with why it is not ready (one list call; no events or logs). */
    public List<PodDiagnosis> diagnosed(LabelSelection selection) {
        PodInspector inspector = new PodInspector(client, 0);
        try {
            return client
                    .pods()
                    .inNamespace(selection.namespace())
                    .withLabels(selection.labels())
                    .list()
                    .getItems()
                    .stream()
                    .map(pod -> {
                        PodSummary summary = summary(pod);
                        boolean ready = summary.healthy() || summary.terminating();
                        return new PodDiagnosis(
                                summary,
                                ready ? Optional.empty() : inspector.unrecoverable(pod),
                                ready ? Optional.empty() : inspector.whyNotReady(pod));
                    })
                    .sorted(Comparator.comparing(d -> d.summary().name()))
                    .toList();
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("list the pods labelled " + selection.describe(), e);
        }
    }

    private PodSummary summary(Pod pod) {
        List<ContainerStatus> statuses =
                pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                        ? List.of()
                        : pod.getStatus().getContainerStatuses();
        int total = pod.getSpec() == null || pod.getSpec().getContainers() == null
                ? statuses.size()
                : pod.getSpec().getContainers().size();
        int ready = (int)
                statuses.stream().filter(s -> Boolean.TRUE.equals(s.getReady())).count();
        int restarts = statuses.stream()
                .mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount())
                .sum();
        String phase = PodInspector.phase(pod);
        return new PodSummary(
                pod.getMetadata().getName(), ready, total, phase, status(pod, statuses, phase), restarts, age(pod));
    }

    private static String status(Pod pod, List<ContainerStatus> statuses, String phase) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return "Terminating";
        }
        for (ContainerStatus s : statuses) {
            if (s.getState() != null
                    && s.getState().getWaiting() != null
                    && s.getState().getWaiting().getReason() != null) {
                return s.getState().getWaiting().getReason();
            }
            if (s.getState() != null
                    && s.getState().getTerminated() != null
                    && s.getState().getTerminated().getReason() != null
                    && !"Succeeded".equals(phase)) {
                return s.getState().getTerminated().getReason();
            }
        }
        return phase;
    }

    private Duration age(Pod pod) {
        String created = pod.getMetadata().getCreationTimestamp();
        if (created == null) {
            return Duration.ZERO;
        }
        try {
            return Duration.between(Instant.parse(created), clock.instant());
        } catch (DateTimeParseException e) {
            return Duration.ZERO;
        }
    }
}
