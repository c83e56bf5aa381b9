package dev.ghillie.preview.provider;

/** What a provider finds when asked, changing nothing: what status, logs and down start from. */
public sealed interface ClusterState {

    /** The cluster's name (k3d, kind) or context (existing). */
    String name();

    /** No such cluster. */
    record Absent(String name) implements ClusterState {}

    /** There, but its nodes do not run (k3d cluster stop). */
    record Stopped(String name, int nodes) implements ClusterState {}

    /**
     * Listed or named, but its API server does not answer (an existing cluster that is down or out of reach, a kind cluster
     * whose node containers are stopped).
     *
     * @param why what was asked and what the provider suggests, e.g. {@code its API server https://... does not answer}
     */
    record Unreachable(String name, String why) implements ClusterState {}

    /**
     * Its API answers, or is expected to.
     *
     * @param ingressUrl where its ingress answers on this machine, when it has one
     */
    record Running(String name, int nodes, java.util.Optional<String> ingressUrl) implements ClusterState {}

    default boolean running() {
        return this instanceof Running;
    }
}
