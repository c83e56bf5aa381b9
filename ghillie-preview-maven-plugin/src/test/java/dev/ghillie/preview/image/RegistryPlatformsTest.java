package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Platforms with a registry base and target, on a real distribution v2 registry on loopback. */
class RegistryPlatformsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    /** A multi-platform base (amd64 and arm64) pushed as an image index. */
    private static String pushMultiPlatformBase(LocalRegistry registry, Path work) throws Exception {
        String reference = registry.host() + "/base:multi";
        Jib.fromScratch()
                .setPlatforms(Set.of(new Platform("amd64", "linux"), new Platform("arm64", "linux")))
                .addEnvironmentVariable("PATH", "/usr/bin:/bin")
                .containerize(Containerizer.to(RegistryImage.named(reference))
                        .setAllowInsecureRegistries(true)
                        .setApplicationLayersCache(work.resolve("base-cache")));
        return reference;
    }

    @Test
    void aPlatformTheBasesIndexDoesNotListIsOneLine() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(work.resolve("registry")))) {
            String base = pushMultiPlatformBase(registry, work);
            ImageSettings settings = TestApp.create(work.resolve("app"))
                    .settings(Path.of("unused"), work.resolve("out"))
                    .baseImage(base)
                    .platforms("linux/s390x")
                    .build();

            assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog()).build(settings))
                    .isInstanceOf(ImageBuildException.class)
                    .hasMessage(
                            "base image " + base
                                    + " has no image for linux/s390x (ghillie.preview.platforms): use a base that has"
                                    + " (a multi-platform one such as eclipse-temurin:25-jre), or set ghillie.preview.platforms to a platform the base has");
        }
    }

    @Test
    void aOnePlatformRegistryBaseOfAnotherArchitectureIsOneLine() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(work.resolve("registry")))) {
            String base = registry.host() + "/base:arm64";
            Jib.fromScratch()
                    .setPlatforms(Set.of(new Platform("arm64", "linux")))
                    .containerize(Containerizer.to(RegistryImage.named(base))
                            .setAllowInsecureRegistries(true)
                            .setApplicationLayersCache(work.resolve("base-cache")));
            ImageSettings settings = TestApp.create(work.resolve("app"))
                    .settings(Path.of("unused"), work.resolve("out"))
                    .baseImage(base)
                    .platforms("linux/amd64")
                    .build();

            // Jib builds on it without a word when linux/amd64 is asked for: the image would be arm64.
            assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog()).build(settings))
                    .isInstanceOf(ImageBuildException.class)
                    .hasMessage("base image " + base
                            + " is one image for linux/arm64, not an index with linux/amd64 (ghillie.preview.platforms):"
                            + " use a multi-platform base such as eclipse-temurin:25-jre, or set ghillie.preview.platforms=linux/arm64 to build"
                            + " for what it is");
        }
    }

    @Test
    void severalPlatformsArePushedAsOneIndex() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(work.resolve("registry")))) {
            String base = pushMultiPlatformBase(registry, work);
            ImageSettings settings = TestApp.create(work.resolve("app"))
                    .settings(Path.of("unused"), work.resolve("out"))
                    .baseImage(base)
                    .target("registry")
                    .imageName(registry.host() + "/ghillie-runtime")
                    .platforms("linux/amd64,linux/arm64")
                    .build();

            ImageResult result = new RuntimeImageBuilder(new RecordingLog()).build(settings);

            HttpResponse<String> index = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://" + registry.host() + "/v2/ghillie-runtime/manifests/"
                                                    + result.tags().getFirst()))
                                    .header(
                                            "Accept",
                                            "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            List<String> platforms = new ArrayList<>();
            for (JsonNode manifest : JSON.readTree(index.body()).get("manifests")) {
                platforms.add(manifest.get("platform").get("os").asText() + "/"
                        + manifest.get("platform").get("architecture").asText());
            }
            assertThat(platforms).containsExactlyInAnyOrder("linux/amd64", "linux/arm64");
            assertThat(index.headers().firstValue("Docker-Content-Digest")).hasValue(result.digest());
        }
    }
}
