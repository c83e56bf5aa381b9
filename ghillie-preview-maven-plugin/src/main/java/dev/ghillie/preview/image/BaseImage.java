package dev.ghillie.preview.image;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The image the runtime's layers go on: a registry reference, or with {@code tar://} a
 * docker-archive tar on disk for builds without network access.
 *
 * @param reference what the user wrote, for messages
 * @param tarFile   the tar file when the reference starts with {@code tar://}
 */
public record BaseImage(String reference, Optional<Path> tarFile) {

    /**
     * Eclipse Temurin's JRE 25, the current LTS: it runs Java 21 bytecode, and it can use a startup cache
     * (JDK 25's ahead-of-time cache). Pin a digest for exact builds.
     */
    public static final String DEFAULT_REFERENCE = "eclipse-temurin:25-jre";

    private static final String TAR_SCHEME = "tar://";

    public static BaseImage parse(String value) {
        String reference = value == null || value.isBlank() ? DEFAULT_REFERENCE : value.strip();
        if (!reference.startsWith(TAR_SCHEME)) {
            return new BaseImage(reference, Optional.empty());
        }
        String location = reference.substring(TAR_SCHEME.length());
        if (location.isEmpty()) {
            throw new ImageBuildException(
                    "ghillie.preview.baseImage='" + reference
                            + "' names no file: write tar:///absolute/path/base.tar (a docker-archive tar, e.g. from docker save)");
        }
        // tar:///abs/path keeps its leading slash; tar://relative/path is read against the working directory.
        return new BaseImage(reference, Optional.of(Path.of(location).toAbsolutePath()));
    }
}
