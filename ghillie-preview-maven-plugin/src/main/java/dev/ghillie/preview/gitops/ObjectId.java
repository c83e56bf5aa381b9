package dev.ghillie.preview.gitops;

import java.util.Map;
import java.util.Optional;

/** What kustomize tells objects apart by: API group, kind, namespace and name. */
record ObjectId(String group, String kind, String namespace, String name) {

    static Optional<ObjectId> of(Map<String, Object> document) {
        if (!(document.get("kind") instanceof String kind)
                || !(document.get("metadata") instanceof Map<?, ?> metadata)
                || !(metadata.get("name") instanceof String name)) {
            return Optional.empty();
        }
        String apiVersion = document.get("apiVersion") instanceof String text ? text : "";
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        // kustomize puts an object without a namespace in "default": the two are one object to it.
        String namespace = metadata.get("namespace") instanceof String text && !text.equals("default") ? text : "";
        return Optional.of(new ObjectId(group, kind, namespace, name));
    }

    @Override
    public String toString() {
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
