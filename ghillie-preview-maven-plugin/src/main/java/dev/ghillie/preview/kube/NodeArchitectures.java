package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CPU architectures of a cluster's nodes, as the kubelet labels them ({@code kubernetes.io/arch}: amd64,
 * arm64...), or as it reports them in the node's status where a label is missing: what an image must be built for
 * to run there natively.
 */
public final class NodeArchitectures {

    static final String LABEL = "kubernetes.io/arch";

    private NodeArchitectures() {}

    /** Each architecture once; empty when no node says (the image is then built for this machine). */
    public static Set<String> of(KubernetesClient client) {
        Set<String> architectures = new TreeSet<>();
        for (Node node : client.nodes().list().getItems()) {
            Optional.ofNullable(node.getMetadata().getLabels())
                    .map(labels -> labels.get(LABEL))
                    .or(() -> Optional.ofNullable(node.getStatus())
                            .map(status -> status.getNodeInfo())
                            .map(info -> info.getArchitecture()))
                    .filter(architecture -> !architecture.isBlank())
                    .ifPresent(architectures::add);
        }
        return architectures;
    }
}
