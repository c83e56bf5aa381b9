package dev.ghillie.preview.image;

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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One run of an image by runc on the host's network, as the image's user with a read-only root (see
 * {@link OciBundle}); killed and deleted on close. Needs Linux, runc and root: {@link #runcOrSkip()} says so.
 */
record RuncContainer(String runc, String id, int port, Path output) implements AutoCloseable {

    /** Unpacks the image into a bundle whose process listens on {@code port} of the host's loopback. */
    static Path bundle(
            String runc, ImageResult image, Path directory, int port, Map<String, String> env, long memoryLimit)
            throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(Map.of(
                "GHILLIE_PORT",
                Integer.toString(port),
                "GHILLIE_HOST",
                "127.0.0.1",
                "GHILLIE_IMAGE_DIGEST",
                image.digest()));
        return OciBundle.create(image.tarFile().orElseThrow(), directory, runc, all, memoryLimit);
    }

    /** The memory limit of a local preview's pod (charts/ghillie/values-local.yaml): the JVM sizes itself as there. */
    static final long LOCAL_PREVIEW_MEMORY_LIMIT = 384L * 1024 * 1024;

    /** A new bundle, limited to a local preview's memory, and a container started from it. */
    static RuncContainer run(String runc, ImageResult image, Path work, Map<String, String> env) throws Exception {
        int port = FreePort.find();
        return start(
                runc,
                bundle(runc, image, work.resolve("bundle-" + port), port, env, LOCAL_PREVIEW_MEMORY_LIMIT),
                port,
                work.resolve("container-" + port + ".log"));
    }

    /** Starts a container from a bundle made by {@link #bundle}; returns once runc has started its process. */
    static RuncContainer start(String runc, Path bundle, int port, Path output) throws Exception {
        String id = "ghillie-it-" + ProcessHandle.current().pid() + "-" + port + "-" + System.nanoTime();
        RuncContainer container = new RuncContainer(runc, id, port, output);
        Process run = new ProcessBuilder(runc, "run", "-d", "--bundle", bundle.toString(), id)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (run.waitFor() != 0) {
            container.close();
            throw new AssertionError("runc run failed: " + readQuietly(output));
        }
        return container;
    }

    static String runcOrSkip() {
        String runc = Stream.of("/usr/sbin/runc", "/usr/bin/runc", "/usr/local/sbin/runc", "/usr/local/bin/runc")
                .filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst()
                .orElse(null);
        assumeTrue(System.getProperty("os.name").equals("Linux"), "skipped: running the image with runc needs Linux");
        assumeTrue(runc != null, "skipped: runc is missing (apt-get install runc; .ci/run installs it)");
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: runc runs the image's containers as root");
        return runc;
    }

    /** The first answer on {@code path}, whatever its status; fails after 60 s without one. */
    HttpResponse<String> await(String path) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Optional<IOException> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                last = Optional.of(notYet);
                Thread.sleep(5);
            }
        }
        throw new AssertionError(
                "no answer on " + path + " within 60 s; container output:\n" + log(), last.orElse(null));
    }

    long pid() throws IOException, InterruptedException {
        return new ObjectMapper().readTree(runc(runc, "state", id)).get("pid").asLong();
    }

    String log() {
        return readQuietly(output);
    }

    @Override
    public void close() {
        runcQuietly(runc, "kill", id, "KILL");
        runcQuietly(runc, "delete", "--force", id);
    }

    private static String runc(String runc, String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        Stream.concat(Stream.of(runc), Stream.of(args)).toList())
                .redirectErrorStream(true)
                .start();
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
