package dev.ghillie.preview.image;

import java.util.Optional;

/**
 * Docker's reading of an image name: the part before the first slash is a registry host when it has a dot or a
 * port or is {@code localhost}; otherwise the whole name lives on Docker Hub ({@code docker.io}).
 */
public final class DockerImageName {

    private DockerImageName() {}

    /** The registry host the name starts with, e.g. {@code localhost:5001}; empty for a Docker Hub name. */
    public static Optional<String> registryHost(String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String first = name.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        return host ? Optional.of(first) : Optional.empty();
    }
}
