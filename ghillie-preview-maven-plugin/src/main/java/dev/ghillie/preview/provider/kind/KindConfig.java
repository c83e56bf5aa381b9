package dev.ghillie.preview.provider.kind;

/**
 * The {@code kind.x-k8s.io/v1alpha4} Cluster config the kind provider creates its cluster from: the API server on
 * 127.0.0.1 (kind picks a free port there), the ingress port 80 of the control-plane node published on
 * 127.0.0.1:{@code ingressPort} only (kind's own default listen address is 0.0.0.0), and that port recorded as a node
 * label, so a later run that reuses the cluster finds it without asking the container engine.
 *
 * @param workers     worker nodes besides the control plane (ghillie.preview.agents)
 * @param ingressPort the loopback port that reaches the node's port 80, where an ingress controller with a hostPort listens
 */
public record KindConfig(int workers, int ingressPort) {

    /** The node label carrying the ingress port on this machine. Label values allow digits only here. */
    public static final String INGRESS_PORT_LABEL = "ghillie.dev/ingress-host-port";
    /** The label kind's ingress guides select the ingress controller's node by. */
    static final String INGRESS_READY_LABEL = "ingress-ready";

    public KindConfig {
        if (ingressPort < 1 || ingressPort > 65535) {
            throw new IllegalArgumentException("a kind config needs a concrete ingress port, got " + ingressPort);
        }
    }

    public String yaml() {
        StringBuilder yaml = new StringBuilder()
                .append(
                        "# Written by preview:up (ghillie.preview.provider=kind); kind reads it only when it creates the cluster.\n")
                .append("kind: Cluster\n")
                .append("apiVersion: kind.x-k8s.io/v1alpha4\n")
                .append("networking:\n")
                .append("  apiServerAddress: \"127.0.0.1\"\n")
                .append("nodes:\n")
                .append("- role: control-plane\n")
                .append("  labels:\n")
                .append("    ")
                .append(INGRESS_READY_LABEL)
                .append(": \"true\"\n")
                .append("    ")
                .append(INGRESS_PORT_LABEL)
                .append(": \"")
                .append(ingressPort)
                .append("\"\n")
                .append("  extraPortMappings:\n")
                .append("  - containerPort: 80\n")
                .append("    hostPort: ")
                .append(ingressPort)
                .append('\n')
                .append("    listenAddress: \"127.0.0.1\"\n")
                .append("    protocol: TCP\n");
        for (int i = 0; i < workers; i++) {
            yaml.append("- role: worker\n");
        }
        return yaml.toString();
    }
}
