package dev.ghillie.preview.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ghillie.preview.FileStamps;
import dev.ghillie.preview.SkipRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A {@code tar://} base image read for one platform. Jib reads a tar base as a docker-archive: the first image its
 * {@code manifest.json} names, whatever its platform, and never an OCI image index. So the image for the wanted
 * platform is picked here, from {@code manifest.json} ({@code docker save}) or from an OCI layout's
 * {@code index.json} (a multi-platform {@code docker save}, {@code skopeo copy ... oci-archive:}), following nested
 * indexes and manifest lists; when it is not the first of a docker-archive it is written out alone as one, which
 * Jib then reads. A base without the platform is one line naming what it holds.
 */
final class TarBase {

    /** Bump when the written archive's layout changes, so an older plugin's copy is never reused. */
    private static final String FORMAT = "ghillie-tar-base/1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ImagePlatform UNKNOWN = new ImagePlatform("unknown", "unknown");

    private final BaseImage base;
    private final Path file;

    /** One image a tar holds: its platform, its config and layers (entry names in the tar), and whether Jib reads it as it is. */
    private record Image(ImagePlatform platform, String config, List<String> layers, boolean readByJib) {}

    TarBase(BaseImage base) {
        this.base = base;
        this.file =
                base.tarFile().orElseThrow(() -> new IllegalArgumentException(base.reference() + " is not a tar base"));
    }

    /**
     * The docker-archive for Jib to read: the tar itself when its first image is {@code target}'s, otherwise
     * {@code target}'s image written alone into {@code workDirectory} (once; reused while the tar is unchanged).
     *
     * @throws ImageBuildException when the tar holds no image for {@code target}, or is not an image tar
     */
    Path forPlatform(TargetPlatforms target, Path workDirectory) {
        ImagePlatform wanted = target.only();
        Path selected = workDirectory.resolve("base-" + wanted.os() + "-" + wanted.architecture() + ".tar");
        SkipRecord written =
                new SkipRecord(workDirectory.resolve("base-" + wanted.os() + "-" + wanted.architecture() + ".source"));
        String source = FORMAT + " " + file + " " + FileStamps.stamp(file);
        if (Files.isRegularFile(selected) && written.holds(source + " " + FileStamps.stamp(selected))) {
            return selected;
        }
        try (TarFile tar = new TarFile(file)) {
            Map<String, TarArchiveEntry> entries = entries(tar);
            List<Image> images = images(tar, entries);
            Optional<Image> match = images.stream()
                    .filter(image -> image.platform().equals(wanted))
                    .findFirst();
            if (match.isEmpty()) {
                throw new ImageBuildException(noImageFor(target, images));
            }
            if (match.get().readByJib()) {
                return file;
            }
            written.clear();
            write(tar, entries, match.get(), selected);
            written.write(source + " " + FileStamps.stamp(selected));
            return selected;
        } catch (ImageBuildException e) {
            throw e;
        } catch (ClosedByInterruptException e) {
            // Not a bad tar: the build was stopped while reading it (Ctrl-C, a failing sibling step).
            throw JibFailures.interrupted(e);
        } catch (IOException | RuntimeException e) {
            throw new ImageBuildException(
                    "base image " + base.reference() + " cannot be read ("
                            + e.getClass().getSimpleName() + ": "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                            + "): give a docker-archive or OCI image tar,"
                            + " e.g. from 'docker save'",
                    e);
        }
    }

    private String noImageFor(TargetPlatforms target, List<Image> images) {
        Set<String> held = images.stream()
                .map(Image::platform)
                .filter(platform -> !platform.equals(UNKNOWN))
                .map(ImagePlatform::toString)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        ImagePlatform wanted = target.only();
        if (held.isEmpty()) {
            return "base image " + base.reference()
                    + " holds no image (no manifest.json or index.json naming one whose layers are in"
                    + " the tar): give a docker-archive or OCI image tar, e.g. from 'docker save --platform " + wanted
                    + "'";
        }
        return "base image " + base.reference() + " holds " + String.join(", ", held) + ", not " + target.describe()
                + ": give a base for " + wanted + " (e.g. 'docker save --platform " + wanted
                + "', or a multi-platform OCI tar),"
                + " or set " + TargetPlatforms.PROPERTY + "=" + held.iterator().next() + " to build for what it holds";
    }

    /** Every complete image of the tar: {@code manifest.json}'s first (as Jib reads them), then the OCI layout's. */
    private static List<Image> images(TarFile tar, Map<String, TarArchiveEntry> entries) throws IOException {
        List<Image> images = new ArrayList<>();
        if (entries.containsKey("manifest.json")) {
            JsonNode manifest = json(tar, entries, "manifest.json");
            for (int index = 0; index < manifest.size(); index++) {
                JsonNode entry = manifest.get(index);
                List<String> layers = new ArrayList<>();
                entry.path("Layers").forEach(layer -> layers.add(name(layer.asText())));
                String config = name(entry.path("Config").asText(""));
                if (entries.containsKey(config) && entries.keySet().containsAll(layers)) {
                    images.add(new Image(platformOf(json(tar, entries, config)), config, layers, index == 0));
                }
            }
        }
        if (entries.containsKey("index.json")) {
            collectIndex(tar, entries, json(tar, entries, "index.json").path("manifests"), images, 0);
        }
        return images;
    }

    /** Follows an index's descriptors: nested indexes (a docker save of a multi-platform image has one) and manifests. */
    private static void collectIndex(
            TarFile tar, Map<String, TarArchiveEntry> entries, JsonNode descriptors, List<Image> images, int depth)
            throws IOException {
        if (depth > 4) {
            return;
        }
        for (JsonNode descriptor : descriptors) {
            String blob = blob(descriptor.path("digest").asText(""));
            if (!entries.containsKey(blob)) {
                continue; // listed, but not saved into this tar (docker save of one platform of a multi-platform image)
            }
            JsonNode document = json(tar, entries, blob);
            if (document.has("manifests")) {
                collectIndex(tar, entries, document.path("manifests"), images, depth + 1);
            } else if (document.has("config") && document.has("layers")) {
                String config = blob(document.path("config").path("digest").asText(""));
                List<String> layers = new ArrayList<>();
                document.path("layers")
                        .forEach(layer -> layers.add(blob(layer.path("digest").asText(""))));
                if (entries.containsKey(config) && entries.keySet().containsAll(layers)) {
                    images.add(new Image(platformOf(json(tar, entries, config)), config, layers, false));
                }
            }
        }
    }

    /** The image config says the platform; older docker save output says nothing, which meant amd64. */
    private static ImagePlatform platformOf(JsonNode config) {
        return new ImagePlatform(
                config.path("os").asText("linux"), config.path("architecture").asText("amd64"));
    }

    /** The image alone as a docker-archive: manifest.json, its config and its layers, under the names they had. */
    private static void write(TarFile tar, Map<String, TarArchiveEntry> entries, Image image, Path target)
            throws IOException {
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        ObjectNode entry = JSON.createObjectNode().put("Config", image.config());
        entry.putArray("RepoTags");
        image.layers().forEach(entry.withArray("Layers")::add);
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(partial))) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            put(
                    out,
                    "manifest.json",
                    JSON.writeValueAsBytes(JSON.createArrayNode().add(entry)));
            Set<String> copied = new LinkedHashSet<>();
            List<String> blobs = new ArrayList<>(List.of(image.config()));
            blobs.addAll(image.layers());
            for (String name : blobs) {
                if (copied.add(name)) {
                    TarArchiveEntry source = entries.get(name);
                    TarArchiveEntry copy = new TarArchiveEntry(name);
                    copy.setSize(source.getSize());
                    out.putArchiveEntry(copy);
                    try (InputStream in = tar.getInputStream(source)) {
                        in.transferTo(out);
                    }
                    out.closeArchiveEntry();
                }
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void put(TarArchiveOutputStream out, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        out.putArchiveEntry(entry);
        out.write(bytes);
        out.closeArchiveEntry();
    }

    /** Regular files by name, without a leading {@code ./}. */
    private static Map<String, TarArchiveEntry> entries(TarFile tar) {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        for (TarArchiveEntry entry : tar.getEntries()) {
            if (entry.isFile()) {
                entries.put(name(entry.getName()), entry);
            }
        }
        return entries;
    }

    private static JsonNode json(TarFile tar, Map<String, TarArchiveEntry> entries, String name) throws IOException {
        try (InputStream in = tar.getInputStream(entries.get(name))) {
            return JSON.readTree(in);
        }
    }

    private static String name(String entry) {
        return entry.replaceFirst("^\\./", "");
    }

    /** Where an OCI layout keeps the blob of {@code sha256:HEX}. */
    private static String blob(String digest) {
        int colon = digest.indexOf(':');
        return colon < 0 ? "" : "blobs/" + digest.substring(0, colon) + "/" + digest.substring(colon + 1);
    }
}
