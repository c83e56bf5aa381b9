package dev.ghillie.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * Which build is running: the version and git commit recorded at build time, and the image
 * digest the deployment passes in, so a caller can prove which image serves it.
 */
public record BuildInfo(String version, Optional<String> commit, Optional<String> imageDigest) {

    private static final String RESOURCE = "build.properties";

    /** Reads the properties Maven wrote into the jar; values Maven could not resolve count as unknown. */
    public static BuildInfo fromClasspath(Optional<String> imageDigest) {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new BuildInfo(
                known(properties.getProperty("version")).orElse("unknown"),
                known(properties.getProperty("commit")),
                imageDigest);
    }

    private static Optional<String> known(String value) {
        return value == null || value.isBlank() || value.startsWith("${")
                ? Optional.empty()
                : Optional.of(value.strip());
    }
}
