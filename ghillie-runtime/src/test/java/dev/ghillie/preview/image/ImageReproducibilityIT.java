package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/image.md promises that the same inputs give the same digest. That must hold for the image
 * ghillie-runtime builds by default: failsafe passes this module's {@code ghillie.preview.startupCache}
 * (its pom's value, or the command line's), and two clean builds of the real runtime with it, each in
 * its own output folder (no reused tar, no reused training), must give one digest. A trained startup
 * cache is not deterministic (docs/benchmarks.md), so turning it on by default fails here.
 */
class ImageReproducibilityIT {

    private static final String STARTUP_CACHE = "ghillie.preview.startupCache";

    @TempDir
    Path work;

    @Test
    void twoCleanBuildsOfTheRuntimeWithItsDefaultsGiveOneDigest() throws Exception {
        String startupCache = System.getProperty(STARTUP_CACHE);
        assumeTrue(startupCache != null, "skipped: run through failsafe, which passes the module's " + STARTUP_CACHE);
        // With the cache on, only a Linux JDK 25 trains one; elsewhere both builds would go without and agree.
        assumeTrue(
                System.getProperty("os.name").equals("Linux")
                        && Runtime.version().feature() >= 25,
                "skipped: needs Linux and a JDK 25 build JDK, which could train a startup cache if the default asked for one");
        BuiltRuntime runtime = RuncSmokeIT.builtRuntimeOrSkip();
        Path base = JlinkBaseImage.fromBuildJdk()
                .write(Files.createDirectories(work.resolve("jlink")), work.resolve("base.tar"));

        ImageResult first = new RuntimeImageBuilder(new RecordingLog())
                .build(runtime.imageOn(base, runtime.classes(), work.resolve("one"), "repro")
                        .startupCache(Boolean.parseBoolean(startupCache))
                        .build());
        ImageResult second = new RuntimeImageBuilder(new RecordingLog())
                .build(runtime.imageOn(base, runtime.classes(), work.resolve("two"), "repro")
                        .startupCache(Boolean.parseBoolean(startupCache))
                        .build());

        assertThat(second.digest())
                .as("digest of a second clean build with %s=%s", STARTUP_CACHE, startupCache)
                .isEqualTo(first.digest());
    }
}
