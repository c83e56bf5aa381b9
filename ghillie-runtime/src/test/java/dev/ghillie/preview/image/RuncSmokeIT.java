package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image really starts: the real ghillie-runtime, on a base jlinked from the build JDK, run by
 * runc as 65532 with a read-only root, answering /health on the host's loopback.
 * <p>It lives in the runtime module, in the image package of the plugin's tests (whose helpers it
 * uses from the plugin's test jar), so that it runs after the runtime is packaged: the reactor
 * builds the plugin first, because the runtime uses it.
 */
class RuncSmokeIT {

    @TempDir
    Path work;

    @Test
    void theRuntimeImageServesHealthAsNonRootWithAReadOnlyRoot() throws Exception {
        String runc = runcOrSkip();
        BuiltRuntime runtime = builtRuntimeOrSkip();
        Path base = JlinkBaseImage.fromBuildJdk().write(Files.createDirectories(work.resolve("jlink")), work.resolve("base.tar"));
        ImageResult image = new RuntimeImageBuilder(new RecordingLog()).build(runtime.imageOn(base, runtime.classes(), work.resolve("out"), "smoke").build());

        try (Container container = Container.run(runc, image, work, Map.of())) {
            assertThat(container.awaitHealth().statusCode()).isEqualTo(200);
            String status = Files.readString(Path.of("/proc/" + container.pid() + "/status"));
            assertThat(status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow()).matches("Uid:\\s+65532\\s+65532\\s+65532\\s+65532");
            String rootMount = Files.readAllLines(Path.of("/proc/" + container.pid() + "/mountinfo")).stream()
                    .filter(l -> l.split(" ")[4].equals("/")).findFirst().orElseThrow();
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
        String runc = runcOrSkip();
        BuiltRuntime runtime = builtRuntimeOrSkip();
        Path base = JlinkBaseImage.fromBuildJdk().write(Files.createDirectories(work.resolve("jlink")), work.resolve("base.tar"));
        assumeTrue(Runtime.version().feature() >= 25, "skipped: an ahead-of-time cache needs a JDK 25 build JDK (the jlinked base)");
        RecordingLog log = new RecordingLog();
        ImageResult image = new RuntimeImageBuilder(log).build(runtime.imageOn(base, runtime.classes(), work.resolve("out"), "cached")
                .startupCache(true).build());
        assertThat(log.steps()).anySatisfy(line -> assertThat(line).startsWith("image: startup cache trained on JDK"));

        try (Container container = Container.run(runc, image, work, Map.of("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on"))) {
            assertThat(container.awaitHealth().statusCode()).isEqualTo(200);
            assertThat(Files.readString(Path.of("/proc/" + container.pid() + "/maps"))).contains("/app/startup.aot");
            // JDK 25 may warn "Failed to link AdapterHandlerEntry" (JDK-8364929, a hash collision among cached
            // adapters, harmless: that adapter is made as usual); an error would mean the cache was not used.
            assertThat(container.log()).doesNotContain("[error]");
        }
    }

    private static String runcOrSkip() {
        String runc = Stream.of("/usr/sbin/runc", "/usr/bin/runc", "/usr/local/sbin/runc", "/usr/local/bin/runc")
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        assumeTrue(System.getProperty("os.name").equals("Linux"), "skipped: runc smoke test needs Linux");
        assumeTrue(runc != null, "skipped: runc is missing (apt-get install runc; .ci/run installs it)");
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: runc smoke test runs containers as root");
        return runc;
    }

    private static BuiltRuntime builtRuntimeOrSkip() {
        BuiltRuntime runtime = BuiltRuntime.fromReactor();
        assumeTrue(runtime.isBuilt(), "skipped: no built ghillie-runtime in " + runtime.target() + " (run the reactor: ./mvnw verify)");
        return runtime;
    }

    /** One image run by runc on the host's network, as 65532 with a read-only root; killed and deleted on close. */
    private record Container(String runc, String id, int port, Path output) implements AutoCloseable {

        static Container run(String runc, ImageResult image, Path work, Map<String, String> env) throws Exception {
            int port = FreePort.find();
            String id = "ghillie-smoke-" + ProcessHandle.current().pid() + "-" + port;
            Map<String, String> all = new java.util.HashMap<>(env);
            all.putAll(Map.of("GHILLIE_PORT", Integer.toString(port), "GHILLIE_HOST", "127.0.0.1", "GHILLIE_IMAGE_DIGEST", image.digest()));
            Path bundle = OciBundle.create(image.tarFile().orElseThrow(), work.resolve("bundle-" + port), runc, all);
            Path output = work.resolve("container-" + port + ".log");
            Container container = new Container(runc, id, port, output);
            Process run = new ProcessBuilder(runc, "run", "-d", "--bundle", bundle.toString(), id)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (run.waitFor() != 0) {
                container.close();
                throw new AssertionError("runc run failed: " + readQuietly(output));
            }
            return container;
        }

        HttpResponse<String> awaitHealth() throws Exception {
            return RuncSmokeIT.awaitHealth(port, output);
        }

        long pid() throws IOException, InterruptedException {
            return new ObjectMapper().readTree(RuncSmokeIT.runc(runc, "state", id)).get("pid").asLong();
        }

        String log() {
            return readQuietly(output);
        }

        @Override
        public void close() {
            runcQuietly(runc, "kill", id, "KILL");
            runcQuietly(runc, "delete", "--force", id);
        }
    }

    private static HttpResponse<String> awaitHealth(int port, Path output) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Optional<IOException> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                last = Optional.of(notYet);
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no answer on /health within 60 s; container output:\n" + readQuietly(output), last.orElse(null));
    }

    private static String runc(String runc, String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Stream.concat(Stream.of(runc), Stream.of(args)).toList()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("runc " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private static void runcQuietly(String runc, String... args) {
        try {
            runc(runc, args);
        } catch (IOException | InterruptedException e) {
            // already gone, or never started
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
