package dev.ghillie.preview.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import dev.ghillie.preview.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Base images for one platform or several, as tars: a docker-archive of one platform (Jib's tar, as
 * {@code docker save} of a one-platform image writes it), and an OCI layout whose index lists several platforms
 * (as {@code docker save} of a multi-platform image on Docker 25+ and {@code skopeo copy ... oci-archive:} write
 * it). Each image holds {@link #MARKER} saying which platform it is, so a test sees which one an image was built on.
 */
public final class PlatformBaseImages {

    static final String MARKER = "/etc/ghillie-base-platform";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private PlatformBaseImages() {}

    /** A docker-archive of one image for {@code linux/architecture}. */
    public static Path single(Path directory, String architecture) throws Exception {
        Path work = Files.createDirectories(directory.resolve("single-" + architecture));
        Path marker = Files.writeString(work.resolve("marker"), "linux/" + architecture + "\n");
        Path tar = directory.resolve("base-" + architecture + ".tar");
        Jib.fromScratch()
                .setPlatforms(Set.of(new Platform(architecture, "linux")))
                .addFileEntriesLayer(FileEntriesLayer.builder()
                        .addEntry(
                                marker,
                                AbsoluteUnixPath.get(MARKER),
                                FileEntriesLayer.DEFAULT_FILE_PERMISSIONS_PROVIDER.get(
                                        marker, AbsoluteUnixPath.get(MARKER)),
                                Instant.EPOCH.plusSeconds(1))
                        .build())
                .addEnvironmentVariable("PATH", "/usr/bin:/bin")
                .containerize(Containerizer.to(TarImage.at(tar).named("ghillie-test-base:" + architecture))
                        .setApplicationLayersCache(work.resolve("cache")));
        return tar;
    }

    /**
     * An OCI layout tar: {@code index.json} names an image index (nested, as docker save writes it) listing one
     * manifest per architecture, every blob under {@code blobs/sha256/}. With {@code dockerManifestFor}, also a
     * {@code manifest.json} naming that architecture's image, as docker save adds for older loaders.
     */
    public static Path ociIndex(Path directory, List<String> architectures, String dockerManifestFor) throws Exception {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        ArrayNode manifests = JSON.createArrayNode();
        ArrayNode dockerManifest = JSON.createArrayNode();
        for (String architecture : architectures) {
            Map<String, byte[]> archive =
                    ImageArchive.entries(Files.newInputStream(single(directory, architecture)), false);
            JsonNode entry = JSON.readTree(archive.get("manifest.json")).get(0);
            byte[] config = archive.get(entry.get("Config").asText());
            ObjectNode manifest =
                    JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_MANIFEST);
            manifest.set("config", descriptor("application/vnd.oci.image.config.v1+json", blob(blobs, config)));
            ObjectNode saved = JSON.createObjectNode().put("Config", "blobs/sha256/" + Sha256.of(config));
            saved.putArray("RepoTags").add("ghillie-test-base:multi");
            for (JsonNode layer : entry.get("Layers")) {
                byte[] bytes = archive.get(layer.asText());
                manifest.withArray("layers")
                        .add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", blob(blobs, bytes)));
                saved.withArray("Layers").add("blobs/sha256/" + Sha256.of(bytes));
            }
            ObjectNode listed = descriptor(OCI_MANIFEST, blob(blobs, JSON.writeValueAsBytes(manifest)));
            listed.putObject("platform").put("architecture", architecture).put("os", "linux");
            manifests.add(listed);
            if (architecture.equals(dockerManifestFor)) {
                dockerManifest.add(saved);
            }
        }
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_INDEX);
        index.set("manifests", manifests);
        ObjectNode top = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_INDEX);
        ObjectNode named = descriptor(OCI_INDEX, blob(blobs, JSON.writeValueAsBytes(index)));
        named.putObject("annotations").put("io.containerd.image.name", "docker.io/library/ghillie-test-base:multi");
        top.putArray("manifests").add(named);

        Path tar = directory.resolve("base-" + String.join("-", architectures) + ".oci.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            put(out, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
            for (Map.Entry<String, byte[]> blob : blobs.entrySet()) {
                put(out, "blobs/sha256/" + blob.getKey(), blob.getValue());
            }
            put(out, "index.json", JSON.writeValueAsBytes(top));
            if (!dockerManifest.isEmpty()) {
                put(out, "manifest.json", JSON.writeValueAsBytes(dockerManifest));
            }
        }
        return tar;
    }

    /** The platform an image tar's config says, {@code os/architecture}. */
    static String platformOf(ImageArchive image) {
        return image.config().get("os").asText() + "/"
                + image.config().get("architecture").asText();
    }

    /** What the base's marker in the image says: the platform of the base it was built on. */
    static String basePlatformOf(ImageArchive image) {
        return new String(image.layer(0).get(MARKER)).strip();
    }

    private static ObjectNode blob(Map<String, byte[]> blobs, byte[] bytes) {
        String hex = Sha256.of(bytes);
        blobs.put(hex, bytes);
        return JSON.createObjectNode().put("digest", "sha256:" + hex).put("size", bytes.length);
    }

    private static ObjectNode descriptor(String mediaType, ObjectNode blob) {
        ObjectNode descriptor = JSON.createObjectNode().put("mediaType", mediaType);
        descriptor.setAll(blob);
        return descriptor;
    }

    private static void put(TarArchiveOutputStream out, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        out.putArchiveEntry(entry);
        out.write(bytes);
        out.closeArchiveEntry();
    }
}
