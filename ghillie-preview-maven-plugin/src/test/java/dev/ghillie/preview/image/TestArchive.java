package dev.ghillie.preview.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes small docker-archive tars entry by entry, with what Jib never writes: whiteouts, hard links, plain layers. */
final class TestArchive {

    private final List<List<TarArchiveEntry>> layers = new ArrayList<>();
    private final List<List<byte[]>> contents = new ArrayList<>();
    private final List<String> env = new ArrayList<>();
    private String architecture = "amd64";
    private boolean gzip = true;

    TestArchive layer() {
        layers.add(new ArrayList<>());
        contents.add(new ArrayList<>());
        return this;
    }

    TestArchive file(String name, String content, int mode) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setMode(mode);
        return add(entry, bytes);
    }

    TestArchive directory(String name) {
        return add(new TarArchiveEntry(name.endsWith("/") ? name : name + "/"), new byte[0]);
    }

    TestArchive symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        entry.setLinkName(target);
        return add(entry, new byte[0]);
    }

    TestArchive hardLink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK);
        entry.setLinkName(target);
        return add(entry, new byte[0]);
    }

    TestArchive env(String variable) {
        env.add(variable);
        return this;
    }

    TestArchive architecture(String value) {
        this.architecture = value;
        return this;
    }

    /** Layers as docker save writes them: plain tars. */
    TestArchive uncompressed() {
        this.gzip = false;
        return this;
    }

    Path write(Path tar) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config =
                json.createObjectNode().put("architecture", architecture).put("os", "linux");
        env.forEach(config.putObject("config").putArray("Env")::add);
        ObjectNode manifest = json.createObjectNode().put("Config", "config.json");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            put(out, "config.json", json.writeValueAsBytes(config));
            for (int i = 0; i < layers.size(); i++) {
                String name = "layer" + i + (gzip ? ".tar.gz" : ".tar");
                manifest.withArray("Layers").add(name);
                put(out, name, layerBytes(i));
            }
            put(
                    out,
                    "manifest.json",
                    json.writeValueAsBytes(json.createArrayNode().add(manifest)));
        }
        return tar;
    }

    private TestArchive add(TarArchiveEntry entry, byte[] bytes) {
        layers.get(layers.size() - 1).add(entry);
        contents.get(contents.size() - 1).add(bytes);
        return this;
    }

    private byte[] layerBytes(int index) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream target = gzip ? new GZIPOutputStream(bytes) : bytes;
                TarArchiveOutputStream layer = new TarArchiveOutputStream(target)) {
            for (int i = 0; i < layers.get(index).size(); i++) {
                layer.putArchiveEntry(layers.get(index).get(i));
                layer.write(contents.get(index).get(i));
                layer.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void put(TarArchiveOutputStream out, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        out.putArchiveEntry(entry);
        out.write(bytes);
        out.closeArchiveEntry();
    }
}
