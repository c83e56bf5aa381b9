package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Locale;
import java.util.Objects;

/**
 * One namespaced custom resource: its type, named fully (so that no API discovery call and no generated model class is
 * needed to read it), its namespace and name.
 */
public record CustomResourceRef(ResourceDefinitionContext type, String namespace, String name) {

    public CustomResourceRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** {@code cluster/pg-ghillie}, as {@code kubectl get} prints it. */
    public String shortName() {
        return type.getKind().toLowerCase(Locale.ROOT) + "/" + name;
    }

    public String apiVersion() {
        return type.getGroup() == null || type.getGroup().isEmpty()
                ? type.getVersion()
                : type.getGroup() + "/" + type.getVersion();
    }
}
