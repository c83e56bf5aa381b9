package dev.ghillie.preview.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** A docker-archive tar read back: its manifest.json, the image config and each layer's files, in order. */
record ImageArchive(JsonNode manifest, JsonNode config, List<Map<String, byte[]>> layers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ImageArchive read(Path tar) throws IOException {
        Map<String, byte[]> entries = entries(Files.newInputStream(tar), false);
        JsonNode manifest = JSON.readTree(entries.get("manifest.json")).get(0);
        JsonNode config = JSON.readTree(entries.get(manifest.get("Config").asText()));
        List<Map<String, byte[]>> layers = new ArrayList<>();
        for (JsonNode layer : manifest.get("Layers")) {
            layers.add(entries(new ByteArrayInputStream(entries.get(layer.asText())), true));
        }
        return new ImageArchive(manifest, config, layers);
    }

    /** Regular files of a tar, keyed by absolute path, in archive order. */
    static Map<String, byte[]> entries(InputStream in, boolean gzipped) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gzipped ? new GZIPInputStream(in) : in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    String name = entry.getName();
                    files.put(gzipped && !name.startsWith("/") ? "/" + name : name, tar.readAllBytes());
                }
            }
        }
        return files;
    }

    /** Size of one entry of a tar, e.g. a compressed layer of a docker-archive. */
    static long entrySize(Path tar, String name) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.getName().equals(name)) {
                    return entry.getSize();
                }
            }
        }
        throw new IOException("no " + name + " in " + tar);
    }

    List<String> repoTags() {
        List<String> tags = new ArrayList<>();
        manifest.get("RepoTags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    Map<String, byte[]> layer(int index) {
        return layers.get(index);
    }
}
