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
        String runc = Stream.of("/usr/sbin/runc", "/usr/bin/runc", "/usr/local/sbin/runc", "/usr/local/bin/runc")
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        assumeTrue(System.getProperty("os.name").equals("Linux"), "skipped: runc smoke test needs Linux");
        assumeTrue(runc != null, "skipped: runc is missing (apt-get install runc; .ci/run installs it)");
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: runc smoke test runs containers as root");
        BuiltRuntime runtime = BuiltRuntime.fromReactor();
        assumeTrue(runtime.isBuilt(), "skipped: no built ghillie-runtime in " + runtime.target() + " (run the reactor: ./mvnw verify)");

        Path base = JlinkBaseImage.fromBuildJdk().write(Files.createDirectories(work.resolve("jlink")), work.resolve("base.tar"));
        ImageSettings.Builder settings = runtime.imageOn(base, runtime.classes(), work.resolve("out"), "smoke");
        ImageResult image = new RuntimeImageBuilder(new RecordingLog()).build(settings.build());

        int port = FreePort.find();
        Path bundle = OciBundle.create(image.tarFile().orElseThrow(), work.resolve("bundle"), runc,
                Map.of("GHILLIE_PORT", Integer.toString(port), "GHILLIE_HOST", "127.0.0.1", "GHILLIE_IMAGE_DIGEST", image.digest()));
        String id = "ghillie-smoke-" + ProcessHandle.current().pid();
        Path output = work.resolve("container.log");
        try {
            Process run = new ProcessBuilder(runc, "run", "-d", "--bundle", bundle.toString(), id)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(run.waitFor()).as("runc run: %s", readQuietly(output)).isZero();

            HttpResponse<String> health = awaitHealth(port, output);
            assertThat(health.statusCode()).isEqualTo(200);

            long pid = new ObjectMapper().readTree(runc(runc, "state", id)).get("pid").asLong();
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            assertThat(status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow()).matches("Uid:\\s+65532\\s+65532\\s+65532\\s+65532");
            String rootMount = Files.readAllLines(Path.of("/proc/" + pid + "/mountinfo")).stream()
                    .filter(l -> l.split(" ")[4].equals("/")).findFirst().orElseThrow();
            assertThat(List.of(rootMount.split(" ")[5].split(","))).contains("ro");
        } finally {
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
