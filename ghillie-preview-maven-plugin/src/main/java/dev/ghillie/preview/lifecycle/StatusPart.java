package dev.ghillie.preview.lifecycle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of {@code preview:status}: a part of the preview, its state, the word that says it and why.
 *
 * @param kind   what sort of part: {@code cluster}, a data service's name, {@code secret}, {@code release}, {@code pod},
 *               {@code url}
 * @param name   which one, e.g. the pod's name or {@code Cluster pg-ghillie}
 * @param word   the state in one or two words, e.g. {@code ready}, {@code CrashLoopBackOff}, {@code missing}
 * @param detail why, in words (may be empty)
 * @param facts  the same for machines, in the JSON: plain values only (never a Secret's values)
 */
public record StatusPart(
        String kind, String name, PartState state, String word, String detail, Map<String, Object> facts) {

    public StatusPart {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(word, "word");
        Objects.requireNonNull(detail, "detail");
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public StatusPart(String kind, String name, PartState state, String word, String detail) {
        this(kind, name, state, word, detail, Map.of());
    }
}
