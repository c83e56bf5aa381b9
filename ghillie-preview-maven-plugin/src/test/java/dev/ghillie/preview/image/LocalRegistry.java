package dev.ghillie.preview.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Debian's distribution v2 registry ({@code docker-registry}), started on a free loopback port with
 * its storage in a temp folder, so tests can push and count the blobs that arrived.
 */
final class LocalRegistry implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/docker-registry");
    static final String MANIFEST_TYPES =
            "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json";

    private final Process process;
    private final Path storage;
    private final String address;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalRegistry(Process process, Path storage, String address, int port) {
        this.process = process;
        this.storage = storage;
        this.address = address;
        this.port = port;
    }

    static LocalRegistry start(Path directory) throws Exception {
        return start(directory, "127.0.0.1");
    }

    /** On another of this machine's addresses, for tests of what ghillie does with a registry off the loopback. */
    static LocalRegistry start(Path directory, String address) throws Exception {
        assumeTrue(
                Files.isExecutable(BINARY),
                "skipped: " + BINARY + " is missing (apt-get install docker-registry; .ci/run installs it)");
        int port = FreePort.find();
        Path storage = Files.createDirectories(directory.resolve("storage"));
        Path config = Files.writeString(directory.resolve("config.yml"), """
                version: 0.1
                log:
                  level: error
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: %s:%d
                """.formatted(storage, address, port));
        Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("registry.log").toFile())
                .start();
        LocalRegistry registry = new LocalRegistry(process, storage, address, port);
        registry.awaitReady(directory.resolve("registry.log"));
        return registry;
    }

    String host() {
        return address + ":" + port;
    }

    HttpResponse<String> manifest(String repository, String reference) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/" + repository + "/manifests/" + reference))
                        .header("Accept", MANIFEST_TYPES)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Digests of every blob stored so far (layers and configs). */
    Set<String> blobs() throws IOException {
        Path root = storage.resolve("docker/registry/v2/blobs/sha256");
        if (!Files.isDirectory(root)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals("data"))
                    .map(p -> "sha256:" + p.getParent().getFileName())
                    .collect(Collectors.toSet());
        }
    }

    long storedBytes() throws IOException {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private void awaitReady(Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(
                "docker-registry did not answer on " + host() + " within 20 s: " + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
