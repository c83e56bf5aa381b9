package dev.ghillie.preview.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster a preview wants. Validated on construction, so an invalid spec never reaches k3d.
 *
 * @param name             k3d cluster name (setting {@code ghillie.preview.cluster})
 * @param agents           agent nodes besides the one server
 * @param apiPort          loopback port of the Kubernetes API, 0 = pick a free one
 * @param ingressPort      loopback port of the ingress (load balancer port 80), 0 = pick a free one
 * @param timeout          how long {@code k3d cluster create} may take (k3d rolls back after it)
 * @param kubeconfigUpdate what to do to the user's default kubeconfig
 * @param registry         a k3d registry the nodes pull from ({@code --registry-use}), when the image is pushed
 */
public record ClusterSpec(
        String name,
        int agents,
        int apiPort,
        int ingressPort,
        Duration timeout,
        KubeconfigUpdate kubeconfigUpdate,
        Optional<K3dRegistry> registry) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);
    /**
     * The ingress port's setting as the settings validator names it: the property, then the environment
     * variables it falls back to (GHILLIE_K3D_PORT, then the design's INGRESS_PORT).
     */
    static final String PORT_SETTING = "ghillie.preview.port (GHILLIE_K3D_PORT, INGRESS_PORT)";

    public ClusterSpec {
        ClusterNameValidator.validate(name);
        if (agents < 0 || agents > 16) {
            throw new ClusterException(
                    "ghillie.preview.agents " + agents + " is out of range: use 0 to 16 agent nodes");
        }
        requirePort(apiPort, "ghillie.preview.apiPort");
        requirePort(ingressPort, PORT_SETTING);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ClusterException(
                    "ghillie.preview.clusterTimeout " + timeout.toSeconds() + "s must be positive, e.g. 180");
        }
        Objects.requireNonNull(kubeconfigUpdate, "kubeconfigUpdate");
        Objects.requireNonNull(registry, "registry");
    }

    /** No agents, free ports picked, the default timeout, default kubeconfig untouched. */
    public static ClusterSpec of(String name) {
        return new ClusterSpec(name, 0, 0, 0, DEFAULT_TIMEOUT, KubeconfigUpdate.NONE, Optional.empty());
    }

    public ClusterSpec withAgents(int count) {
        return new ClusterSpec(name, count, apiPort, ingressPort, timeout, kubeconfigUpdate, registry);
    }

    public ClusterSpec withPorts(int api, int ingress) {
        return new ClusterSpec(name, agents, api, ingress, timeout, kubeconfigUpdate, registry);
    }

    public ClusterSpec withTimeout(Duration value) {
        return new ClusterSpec(name, agents, apiPort, ingressPort, value, kubeconfigUpdate, registry);
    }

    public ClusterSpec withKubeconfigUpdate(KubeconfigUpdate value) {
        return new ClusterSpec(name, agents, apiPort, ingressPort, timeout, value, registry);
    }

    public ClusterSpec withRegistry(Optional<K3dRegistry> value) {
        return new ClusterSpec(name, agents, apiPort, ingressPort, timeout, kubeconfigUpdate, value);
    }

    private static void requirePort(int port, String setting) {
        if (port < 0 || port > 65535) {
            throw new ClusterException(setting + " " + port + " is not a port: use 1-65535, or 0 to pick a free one");
        }
    }
}
