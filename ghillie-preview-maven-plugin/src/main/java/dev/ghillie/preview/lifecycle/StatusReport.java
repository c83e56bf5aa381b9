package dev.ghillie.preview.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code preview:status} found, one {@link StatusPart} per part of the preview in the order a request meets
 * them (cluster, data services, app Secret, release, pods, URL): a table for people, JSON for machines, both with
 * the same parts. {@link #healthy()} is what {@code failOnUnhealthy} checks.
 *
 * @param took how long the check took, from asking the provider to the last answer
 */
public record StatusReport(List<StatusPart> parts, Duration took) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Names longer than this are not padded to: one long pod name must not push every word off the screen. */
    private static final int MAX_NAME_WIDTH = 44;

    private static final int WORD_WIDTH = 16;

    /** JSON's shape: the verdict first, then every part. */
    record Json(boolean healthy, PartState overall, long tookMillis, List<StatusPart> parts) {}

    public StatusReport {
        parts = List.copyOf(parts);
    }

    /** Parts whose check took no measured time. */
    public StatusReport(List<StatusPart> parts) {
        this(parts, Duration.ZERO);
    }

    /** The worst state of any part; FAIL when there is no part at all. */
    public PartState overall() {
        return parts.stream().map(StatusPart::state).reduce(PartState::worse).orElse(PartState.FAIL);
    }

    /** Every part as it should be. */
    public boolean healthy() {
        return overall() == PartState.OK;
    }

    /** The overall line's word. */
    static String overallWord(PartState state) {
        return switch (state) {
            case OK -> "healthy";
            case WARN -> "not ready yet";
            case FAIL -> "NOT healthy";
        };
    }

    /** One line per part, then the overall line; each state word styled by {@code style}, padded by its own length. */
    public List<String> lines(WordStyle style) {
        int nameWidth = Math.min(
                MAX_NAME_WIDTH,
                parts.stream().mapToInt(p -> p.name().length()).max().orElse(0));
        List<String> lines = new ArrayList<>();
        // Which provider and context the check asked, first: the cluster part knows them (as facts for the JSON).
        parts.stream()
                .filter(part -> "cluster".equals(part.kind()))
                .findFirst()
                .filter(cluster -> cluster.facts().get("provider") != null)
                .ifPresent(cluster -> lines.add(String.format(
                        "%-10s %s, context %s",
                        "provider",
                        cluster.facts().get("provider"),
                        cluster.facts().get("context"))));
        for (StatusPart part : parts) {
            lines.add(line(
                    part.kind(),
                    part.name(),
                    nameWidth,
                    style.style(part.state(), part.word()),
                    part.word().length(),
                    part.detail()));
        }
        PartState overall = overall();
        List<String> attention = parts.stream()
                .filter(p -> p.state() != PartState.OK)
                .map(p -> p.kind() + " " + p.name())
                .toList();
        String why = attention.isEmpty() ? "" : "see " + String.join(", ", attention);
        // No name column: "overall    healthy" reads (and greps) as one phrase.
        lines.add((String.format("%-10s ", "overall")
                        + style.style(overall, overallWord(overall))
                        + (why.isEmpty() ? "" : "  " + why))
                .stripTrailing());
        return lines;
    }

    private static String line(
            String kind, String name, int nameWidth, String styledWord, int wordLength, String detail) {
        String start = String.format("%-10s %-" + Math.max(1, nameWidth) + "s ", kind, name);
        String end = detail.isEmpty() ? "" : " ".repeat(Math.max(1, WORD_WIDTH - wordLength)) + detail;
        return (start + styledWord + end).stripTrailing();
    }

    /** The table without styling. */
    public String toTable() {
        return String.join(System.lineSeparator(), lines(WordStyle.PLAIN));
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(new Json(healthy(), overall(), took.toMillis(), parts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    /** Facts in the order given, for a part's JSON; null values are left out. */
    static Map<String, Object> facts(Object... keysAndValues) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                facts.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return facts;
    }
}
