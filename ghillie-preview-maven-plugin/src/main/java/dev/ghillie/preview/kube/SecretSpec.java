package dev.ghillie.preview.kube;

import dev.ghillie.preview.SecretValue;
import java.util.Map;
import java.util.Objects;

/**
 * The desired state of an {@code Opaque} Secret. Safe to print: values show as {@code ****}.
 *
 * @param namespace where the Secret lives
 * @param name      its name, e.g. {@code ghillie}
 * @param labels    labels to put on it (merged with labels already there)
 * @param data      its complete data: keys not listed here are removed from an existing Secret
 */
public record SecretSpec(String namespace, String name, Map<String, String> labels, Map<String, SecretValue> data) {

    public SecretSpec {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        data = Map.copyOf(Objects.requireNonNull(data, "data"));
    }
}
