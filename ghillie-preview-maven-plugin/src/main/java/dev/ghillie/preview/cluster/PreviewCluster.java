package dev.ghillie.preview.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * A running cluster ready for the preview.
 *
 * @param name       k3d cluster name
 * @param api        the Kubernetes API on the host
 * @param ingress    the ingress (load balancer port 80) on the host, read back from k3d; {@link HostPort#NONE} when the
 *                   cluster has none on this machine (an existing cluster)
 * @param kubeconfig the cluster's own kubeconfig from {@code k3d kubeconfig write}, for every client
 * @param action     created, started or reused
 * @param notes      one-line remarks for the user (e.g. a requested port the existing cluster does not use)
 */
public record PreviewCluster(
        String name, HostPort api, HostPort ingress, Path kubeconfig, ClusterAction action, List<String> notes) {

    public PreviewCluster {
        notes = List.copyOf(notes);
    }

    /** {@code http://127.0.0.1:PORT}: where the preview answers. */
    public String ingressUrl() {
        return loopbackIngressUrl()
                .orElseThrow(() -> new ClusterException("cluster " + name + " has no ingress on this machine:"
                        + " use ghillie.preview.access=port-forward"));
    }

    /** Where the ingress answers on this machine, when the cluster maps one. */
    public java.util.Optional<String> loopbackIngressUrl() {
        return ingress.equals(HostPort.NONE)
                ? java.util.Optional.empty()
                : java.util.Optional.of("http://" + ingress.dialHost() + ":" + ingress.port());
    }

    /** e.g. {@code cluster ghillie-local reused (ingress http://127.0.0.1:8080, API 127.0.0.1:6550)}. */
    public String summary() {
        return "cluster " + name + " " + action.verb() + " ("
                + loopbackIngressUrl().map(url -> "ingress " + url + ", ").orElse("") + "API " + api + ")";
    }
}
