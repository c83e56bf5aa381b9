package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

/** Reads the recent events of one object, formatted for diagnostics. */
final class EventReader {

    private final KubernetesClient client;

    EventReader(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The last {@code max} events of {@code kind/name}, oldest first, as {@code Warning Unhealthy: Readiness probe
     * failed: ... (x12)}.
     */
    List<String> recent(String namespace, String kind, String name, boolean warningsOnly, int max) {
        List<Event> events;
        try {
            // Filtered here rather than with a field selector: preview namespaces hold few events, and not every
            // API server (nor the test server) supports involvedObject field selectors.
            events = client.v1().events().inNamespace(namespace).list().getItems();
        } catch (KubernetesClientException e) {
            return List.of("(events unavailable: HTTP " + e.getCode() + ")");
        }
        List<Event> matching = events.stream()
                .filter(e -> e.getInvolvedObject() != null)
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .filter(e -> kind.equalsIgnoreCase(e.getInvolvedObject().getKind()))
                .filter(e -> !warningsOnly || "Warning".equals(e.getType()))
                .sorted(Comparator.comparing(EventReader::time))
                .toList();
        return matching.subList(Math.max(0, matching.size() - max), matching.size()).stream()
                .map(EventReader::format)
                .toList();
    }

    private static String format(Event e) {
        String count = e.getCount() != null && e.getCount() > 1 ? " (x" + e.getCount() + ")" : "";
        return e.getType() + " " + e.getReason() + ": " + oneLine(e.getMessage()) + count;
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static Instant time(Event e) {
        for (String candidate : new String[] {
            e.getLastTimestamp(),
            e.getEventTime() == null ? null : e.getEventTime().getTime(),
            e.getFirstTimestamp(),
            e.getMetadata() == null ? null : e.getMetadata().getCreationTimestamp()
        }) {
            if (candidate != null && !candidate.isBlank()) {
                try {
                    return Instant.parse(candidate);
                } catch (DateTimeParseException ignored) {
                    // try the next timestamp field
                }
            }
        }
        return Instant.EPOCH;
    }
}
