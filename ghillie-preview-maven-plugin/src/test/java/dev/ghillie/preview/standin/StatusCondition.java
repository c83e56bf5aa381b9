package dev.ghillie.preview.standin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code metav1.Condition} as both operators write them: every field the CRDs require (type, status, reason, message,
 * lastTransitionTime), and observedGeneration when the operator stamps it.
 */
record StatusCondition(String type, boolean status, String reason, String message) {

    /**
     * The condition as a status map entry; its transition time stays the one already recorded while its status does not
     * change, as the API conventions ask.
     */
    Map<String, Object> toMap(List<?> previous, Long observedGeneration) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", status ? "True" : "False");
        condition.put("reason", reason);
        condition.put("message", message);
        condition.put(
                "lastTransitionTime",
                previousTransition(previous)
                        .orElse(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        if (observedGeneration != null) {
            condition.put("observedGeneration", observedGeneration);
        }
        return condition;
    }

    private java.util.Optional<String> previousTransition(List<?> previous) {
        return previous.stream()
                .filter(Map.class::isInstance)
                .map(Map.class::cast)
                .filter(c -> type.equals(c.get("type")) && (status ? "True" : "False").equals(c.get("status")))
                .map(c -> c.get("lastTransitionTime"))
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .findFirst();
    }
}
