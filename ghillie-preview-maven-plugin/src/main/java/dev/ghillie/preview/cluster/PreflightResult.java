package dev.ghillie.preview.cluster;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The tools preflight found.
 *
 * @param k3d          the k3d executable on the PATH
 * @param k3dVersion   what {@code k3d version} reported, e.g. {@code v5.8.3}
 * @param docker       the docker CLI, when there is one
 * @param runtimeCheck how the container runtime was checked
 */
public record PreflightResult(Path k3d, String k3dVersion, Optional<Path> docker, RuntimeCheck runtimeCheck) {

    /** Which probe vouched for the container runtime. */
    public enum RuntimeCheck {
        DOCKER_INFO,
        K3D_CLUSTER_LIST,
        SKIPPED
    }
}
