package dev.ghillie.preview.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the built image goes. */
public enum ImageTarget {
    /** A docker-archive tar under target/, for {@code k3d image import} or {@code kind load image-archive}. */
    TAR,
    /** A registry; plain HTTP only for loopback or *.localhost registries. */
    REGISTRY,
    /** The local Docker daemon, through the docker CLI. */
    DOCKER;

    public static ImageTarget parse(String value) {
        String name = value == null || value.isBlank() ? "tar" : value.strip();
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ImageBuildException("ghillie.preview.imageTarget='" + name + "' is not a target: use one of "
                    + Arrays.stream(values()).map(ImageTarget::id).collect(Collectors.joining(", ")));
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
