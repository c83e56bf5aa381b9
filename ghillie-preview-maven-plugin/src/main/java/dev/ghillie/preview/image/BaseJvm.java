package dev.ghillie.preview.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The Java runtime of a base image, unpacked onto the build machine so that the training run uses the very JVM
 * build the image will run: a cache made by any other build is refused by the JVM at start.
 *
 * @param home         where it was unpacked
 * @param imageHome    where it lives in the image ({@code JAVA_HOME}, e.g. {@code /opt/java/openjdk})
 * @param version      {@code JAVA_VERSION} of its {@code release} file
 */
public record BaseJvm(Path home, String imageHome, Runtime.Version version) {

    /** Where Temurin images keep it when {@code JAVA_HOME} is not set. */
    static final String USUAL_HOME = "/opt/java/openjdk";

    public Path java() {
        return home.resolve("bin/java");
    }

    /**
     * Unpacks {@code JAVA_HOME} of the image (every layer in order, whiteouts applied) into {@code into}, which is
     * emptied first.
     *
     * @throws StartupCacheException when the image has no JVM there
     */
    static BaseJvm unpack(DockerArchive base, Path into) throws IOException {
        String imageHome = imageHome(base);
        new LayerUnpacker(imageHome, true).unpack(base, into);
        return unpacked(into, imageHome);
    }

    /** The JVM unpacked into {@code home} before. */
    static BaseJvm unpacked(Path home, String imageHome) throws IOException {
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            throw new StartupCacheException("the base image has no JVM at JAVA_HOME=" + imageHome);
        }
        return new BaseJvm(
                home,
                imageHome,
                releaseVersion(home)
                        .orElseThrow(() -> new StartupCacheException(
                                "the base image's JVM at " + imageHome + " has no release file naming its version")));
    }

    static String imageHome(DockerArchive base) {
        return base.env("JAVA_HOME").orElse(USUAL_HOME).replaceAll("/+$", "");
    }

    private static Optional<Runtime.Version> releaseVersion(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            properties.load(in);
        }
        String value =
                properties.getProperty("JAVA_VERSION", "").replace("\"", "").strip();
        try {
            return value.isEmpty() ? Optional.empty() : Optional.of(Runtime.Version.parse(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
