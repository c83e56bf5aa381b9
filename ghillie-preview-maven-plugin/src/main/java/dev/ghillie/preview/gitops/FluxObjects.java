package dev.ghillie.preview.gitops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of the tree as plain maps (the YAML writer sorts their keys): Namespaces and
 * the Flux APIs the upstream CRDs serve (kustomize.toolkit.fluxcd.io/v1, source.toolkit.fluxcd.io/v1,
 * helm.toolkit.fluxcd.io/v2).
 */
final class FluxObjects {

    /** Where the bootstrap puts Flux and its GitRepository of this tree ({@code flux bootstrap}'s defaults). */
    static final String FLUX_NAMESPACE = "flux-system";

    static final String TREE_SOURCE = "flux-system";
    static final String MANAGED_BY = "ghillie-preview";

    private FluxObjects() {}

    static Map<String, Object> object(
            String apiVersion, String kind, String name, String namespace, Map<String, Object> spec) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.put("metadata", metadata);
        if (spec != null) {
            object.put("spec", spec);
        }
        return object;
    }

    static Map<String, Object> namespace(String name) {
        Map<String, Object> namespace = object("v1", "Namespace", name, null, null);
        metadata(namespace).put("labels", Map.of("app.kubernetes.io/managed-by", MANAGED_BY));
        return namespace;
    }

    /**
     * A Flux Kustomization applying {@code path} of this tree, pruning what leaves it, waiting for what it
     * applied to be ready (so what depends on it starts on a working platform).
     */
    static Map<String, Object> kustomization(String name, String path, List<String> dependsOn) {
        return kustomization(name, path, dependsOn, true);
    }

    /** {@code wait} false for a folder of independent entries, whose readiness is each entry's own. */
    static Map<String, Object> kustomization(String name, String path, List<String> dependsOn, boolean wait) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("interval", "10m");
        spec.put("retryInterval", "1m");
        spec.put("timeout", "10m");
        spec.put("path", "./" + path);
        spec.put("prune", true);
        spec.put("wait", wait);
        spec.put("sourceRef", Map.of("kind", "GitRepository", "name", TREE_SOURCE));
        if (!dependsOn.isEmpty()) {
            spec.put(
                    "dependsOn",
                    dependsOn.stream()
                            .map(dependency -> Map.of("name", dependency))
                            .toList());
        }
        return object("kustomize.toolkit.fluxcd.io/v1", "Kustomization", name, FLUX_NAMESPACE, spec);
    }

    static Map<String, Object> helmRepository(PinnedChart chart) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("interval", "1h");
        spec.put("url", chart.url());
        return object("source.toolkit.fluxcd.io/v1", "HelmRepository", chart.repository(), FLUX_NAMESPACE, spec);
    }

    /** A HelmRelease of a pinned platform chart; CRDs the chart ships are created and replaced on upgrade. */
    static Map<String, Object> helmRelease(
            String name, String namespace, PinnedChart chart, Map<String, Object> values) {
        Map<String, Object> chartSpec = new LinkedHashMap<>();
        chartSpec.put("chart", chart.chart());
        chartSpec.put("version", chart.version());
        chartSpec.put(
                "sourceRef", Map.of("kind", "HelmRepository", "name", chart.repository(), "namespace", FLUX_NAMESPACE));
        chartSpec.put("interval", "1h");
        return helmRelease(name, namespace, chartSpec, values);
    }

    static Map<String, Object> helmRelease(
            String name, String namespace, Map<String, Object> chartSpec, Map<String, Object> values) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("interval", "30m");
        spec.put("chart", Map.of("spec", chartSpec));
        spec.put("install", Map.of("crds", "CreateReplace", "remediation", Map.of("retries", 3)));
        spec.put("upgrade", Map.of("crds", "CreateReplace", "remediation", Map.of("retries", 3)));
        if (!values.isEmpty()) {
            spec.put("values", values);
        }
        return object("helm.toolkit.fluxcd.io/v2", "HelmRelease", name, namespace, spec);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> object) {
        return (Map<String, Object>) object.get("metadata");
    }
}
