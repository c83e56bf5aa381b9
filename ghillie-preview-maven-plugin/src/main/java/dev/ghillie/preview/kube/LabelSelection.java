package dev.ghillie.preview.kube;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Objects in one namespace that carry all the given labels, e.g. the Deployments of a Helm release or of an
 * operator chart.
 */
public record LabelSelection(String namespace, Map<String, String> labels) {

    /** The label Helm charts following the Kubernetes recommendations put on everything a release creates. */
    public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

    public LabelSelection {
        Objects.requireNonNull(namespace, "namespace");
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("a label selection needs at least one label");
        }
        labels = Map.copyOf(labels);
    }

    /** Everything labelled {@code app.kubernetes.io/instance=<release>} in {@code namespace}. */
    public static LabelSelection helmRelease(String namespace, String release) {
        return new LabelSelection(namespace, Map.of(INSTANCE_LABEL, Objects.requireNonNull(release, "release")));
    }

    /** {@code app.kubernetes.io/instance=ghillie in namespace ghillie}. */
    public String describe() {
        return selector() + " in namespace " + namespace;
    }

    /** The labels as a Kubernetes label selector string, keys sorted. */
    public String selector() {
        return selector(labels);
    }

    static String selector(Map<String, String> labels) {
        return new TreeMap<>(labels)
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
