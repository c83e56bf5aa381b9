package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image really starts: the real ghillie-runtime, on a base jlinked from the build JDK, run by
 * runc as 65532 with a read-only root, answering /health on the host's loopback.
 * <p>It lives in ghillie-image-it, in the image package of the plugin's tests (whose helpers it
 * uses from the plugin's test jar), so that it runs after both the plugin and the runtime are
 * packaged: that module depends on both, so the reactor builds it last.
 */
class RuncSmokeIT {

    @TempDir
    Path work;

    @Test
    void theRuntimeImageServesHealthAsNonRootWithAReadOnlyRoot() throws Exception {
        String runc = RuncContainer.runcOrSkip();
        BuiltRuntime runtime = builtRuntimeOrSkip();
        Path base = JlinkBaseImage.fromBuildJdk()
                .write(Files.createDirectories(work.resolve("jlink")), work.resolve("base.tar"));
        ImageResult image = new RuntimeImageBuilder(new RecordingLog())
                .build(runtime.imageOn(base, runtime.classes(), work.resolve("out"), "smoke")
                        .build());

        try (RuncContainer container = RuncContainer.run(runc, image, work, Map.of())) {
            assertThat(container.await("/health").statusCode()).isEqualTo(200);
            String status = Files.readString(Path.of("/proc/" + container.pid() + "/status"));
            assertThat(status.lines()
                            .filter(l -> l.startsWith("Uid:"))
                            .findFirst()
                            .orElseThrow())
                    .matches("Uid:\\s+65532\\s+65532\\s+65532\\s+65532");
            String rootMount = Files.readAllLines(Path.of("/proc/" + container.pid() + "/mountinfo")).stream()
                    .filter(l -> l.split(" ")[4].equals("/"))
                    .findFirst()
                    .orElseThrow();
            assertThat(List.of(rootMount.split(" ")[5].split(","))).contains("ro");
        }
    }

    /**
     * The startup cache trained at build time is the one the container's JVM uses: with {@code -XX:AOTMode=on}
     * a JVM that cannot use its cache refuses to start, so an answer on /health proves the cache fits this JVM
     * build, this class path and these files. The mapping in /proc shows it too.
     */
    @Test
    void theStartupCacheIsUsedByTheContainersJvm() throws Exception {
        String runc = RuncContainer.runcOrSkip();
        BuiltRuntime runtime = builtRuntimeOrSkip();
        Path base = JlinkBaseImage.fromBuildJdk()
                .write(Files.createDirectories(work.resolve("jlink")), work.resolve("base.tar"));
        assumeTrue(
                Runtime.version().feature() >= 25,
                "skipped: an ahead-of-time cache needs a JDK 25 build JDK (the jlinked base)");
        RecordingLog log = new RecordingLog();
        ImageResult image = new RuntimeImageBuilder(log)
                .build(runtime.imageOn(base, runtime.classes(), work.resolve("out"), "cached")
                        .startupCache(true)
                        .build());
        assertThat(log.steps()).anySatisfy(line -> assertThat(line).startsWith("image: startup cache trained on JDK"));

        try (RuncContainer container =
                RuncContainer.run(runc, image, work, Map.of("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on"))) {
            assertThat(container.await("/health").statusCode()).isEqualTo(200);
            assertThat(Files.readString(Path.of("/proc/" + container.pid() + "/maps")))
                    .contains("/app/startup.aot");
            // JDK 25 may warn "Failed to link AdapterHandlerEntry" (JDK-8364929, a hash collision among cached
            // adapters, harmless: that adapter is made as usual); an error would mean the cache was not used.
            assertThat(container.log()).doesNotContain("[error]");
        }
    }

    static BuiltRuntime builtRuntimeOrSkip() {
        BuiltRuntime runtime = BuiltRuntime.fromReactor();
        assumeTrue(
                runtime.isBuilt(),
                "skipped: no built ghillie-runtime in " + runtime.target() + " (run the reactor: ./mvnw verify)");
        return runtime;
    }
}
