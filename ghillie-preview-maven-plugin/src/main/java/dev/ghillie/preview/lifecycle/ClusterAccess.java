package dev.ghillie.preview.lifecycle;

import java.nio.file.Path;

/**
 * How to reach the preview cluster once it is up: its kubeconfig (written by k3d for this cluster
 * only) and the loopback ingress port; {@code action} says what was done (created, started, reused).
 */
public record ClusterAccess(String name, Path kubeconfig, int ingressPort, String action) {
}
