package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.Objects;

/**
 * A namespaced custom resource type, named fully so that no API discovery call (and no generated model class) is
 * needed to read it.
 */
public record CustomResourceKind(String group, String version, String kind, String plural) {

    /** CloudNativePG's PostgreSQL cluster. */
    public static final CustomResourceKind CNPG_CLUSTER =
            new CustomResourceKind("postgresql.cnpg.io", "v1", "Cluster", "clusters");
    /** The hyperspike valkey-operator's Valkey. */
    public static final CustomResourceKind VALKEY = new CustomResourceKind("hyperspike.io", "v1", "Valkey", "valkeys");

    public CustomResourceKind {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plural, "plural");
    }

    /** The kind a fabric8 context names; it must be namespaced, as everything the preview applies is. */
    public static CustomResourceKind of(ResourceDefinitionContext context) {
        if (!context.isNamespaceScoped()) {
            throw new IllegalArgumentException(context.getKind() + " is cluster-scoped; only namespaced kinds are waited for");
        }
        return new CustomResourceKind(context.getGroup(), context.getVersion(), context.getKind(), context.getPlural());
    }

    public String apiVersion() {
        return group + "/" + version;
    }

    /** The fabric8 context for {@code client.genericKubernetesResources(...)}. */
    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group).withVersion(version).withKind(kind).withPlural(plural).withNamespaced(true)
                .build();
    }
}
