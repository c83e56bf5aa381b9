package dev.ghillie.preview.helm;

import java.nio.file.Path;

/** Which Helm release, in which namespace, on which cluster (by its own kubeconfig file). */
public record ReleaseTarget(String name, String namespace, Path kubeconfig) {}
