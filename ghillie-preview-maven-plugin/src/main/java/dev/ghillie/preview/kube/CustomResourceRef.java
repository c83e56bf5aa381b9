package dev.ghillie.preview.kube;

import java.util.Locale;
import java.util.Objects;

/** One custom resource: its kind, namespace and name. */
public record CustomResourceRef(CustomResourceKind kind, String namespace, String name) {

    public CustomResourceRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** {@code cluster/pg-ghillie}, as {@code kubectl get} prints it. */
    public String shortName() {
        return kind.kind().toLowerCase(Locale.ROOT) + "/" + name;
    }
}
