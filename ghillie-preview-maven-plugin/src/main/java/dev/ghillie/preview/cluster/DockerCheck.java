package dev.ghillie.preview.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How preflight makes sure k3d has a container runtime (setting {@code ghillie.preview.dockerCheck}). */
public enum DockerCheck {
    /**
     * When a {@code docker} CLI is on the PATH, {@code docker info} must answer. Without one, k3d is
     * asked to list clusters: a k3d that needs no Docker (the end-to-end shim, a socket-only setup)
     * passes, a real k3d without a runtime fails with the Docker install address.
     */
    AUTO,
    /** No runtime check at all: for runtimes preflight cannot judge. */
    SKIP;

    public static DockerCheck parse(String value) {
        String wanted = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(v -> v.name().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new ClusterException("ghillie.preview.dockerCheck '" + value + "' is not one of "
                        + Arrays.stream(values())
                                .map(v -> v.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", "))));
    }
}
