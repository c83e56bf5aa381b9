package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes to a real distribution v2 registry on loopback (plain HTTP, allowed there) and reads it back. */
class RegistryPushTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void pushesBothTagsAndAfterAOneClassChangeUploadsOnlyTheClassesLayerAndConfig() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(work.resolve("registry")))) {
            Path base = ScratchBaseImage.write(Files.createDirectories(work.resolve("base")));
            TestApp app = TestApp.create(work.resolve("app"));
            ImageSettings settings = app.settings(base, work.resolve("out"))
                    .imageName(registry.host() + "/ghillie-runtime")
                    .target("registry")
                    .build();
            RuntimeImageBuilder builder = new RuntimeImageBuilder(new RecordingLog());

            ImageResult first = builder.build(settings);
            String derivedTag = first.tags().get(0);
            HttpResponse<String> byContentTag = registry.manifest("ghillie-runtime", derivedTag);
            assertThat(byContentTag.statusCode()).isEqualTo(200);
            assertThat(byContentTag.headers().firstValue("Docker-Content-Digest"))
                    .hasValue(first.digest());
            assertThat(registry.manifest("ghillie-runtime", "latest").headers().firstValue("Docker-Content-Digest"))
                    .hasValue(first.digest());
            JsonNode manifest = JSON.readTree(byContentTag.body());
            assertThat(manifest.get("config").get("digest").asText()).isEqualTo(first.imageId());
            List<String> layersBefore = layers(manifest);
            assertThat(layersBefore).hasSize(6);

            Set<String> blobsBefore = registry.blobs();
            app.changeOneClass();
            ImageResult second = builder.build(settings);
            Set<String> uploaded = new HashSet<>(registry.blobs());
            uploaded.removeAll(blobsBefore);

            List<String> layersAfter = layers(JSON.readTree(
                    registry.manifest("ghillie-runtime", second.tags().get(0)).body()));
            assertThat(layersAfter.subList(0, 5)).isEqualTo(layersBefore.subList(0, 5));
            // The registry keeps manifests as blobs too: the new classes layer, the new config, the new manifest.
            assertThat(uploaded).containsExactlyInAnyOrder(layersAfter.get(5), second.imageId(), second.digest());
            assertThat(registry.manifest("ghillie-runtime", "latest").headers().firstValue("Docker-Content-Digest"))
                    .hasValue(second.digest());
        }
    }

    private static List<String> layers(JsonNode manifest) {
        List<String> digests = new ArrayList<>();
        manifest.get("layers").forEach(layer -> digests.add(layer.get("digest").asText()));
        return digests;
    }
}
