package dev.ghillie.preview.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghillie.preview.Sha256;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A docker-archive image tar ({@code docker save}, Jib's tar target): its {@code manifest.json}, the image config
 * it names, and its layers in order, each readable as a (possibly gzipped) tar stream.
 */
public final class DockerArchive implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TarFile tar;
    private final JsonNode config;
    private final String configDigest;
    private final List<String> layers = new ArrayList<>();

    private DockerArchive(TarFile tar) throws IOException {
        this.tar = tar;
        JsonNode manifest = JSON.readTree(read("manifest.json")).path(0);
        String configName = manifest.path("Config").asText("");
        if (configName.isEmpty()) {
            throw new IOException("manifest.json names no image config");
        }
        byte[] configBytes = read(configName);
        this.config = JSON.readTree(configBytes);
        this.configDigest = "sha256:" + Sha256.of(configBytes);
        manifest.path("Layers").forEach(layer -> layers.add(layer.asText()));
    }

    /** Opens the archive; fails when it is not a docker-archive. */
    public static DockerArchive open(Path file) throws IOException {
        TarFile tar = new TarFile(file);
        try {
            return new DockerArchive(tar);
        } catch (IOException | RuntimeException e) {
            tar.close();
            throw e;
        }
    }

    /** The image config's {@code config} object: Env, Entrypoint, User... */
    public JsonNode runConfig() {
        return config.path("config");
    }

    /** {@code amd64}, {@code arm64}...; {@code amd64} when the config does not say (older docker save output). */
    public String architecture() {
        return config.path("architecture").asText("amd64");
    }

    public String os() {
        return config.path("os").asText("linux");
    }

    /** The SHA-256 of the config, which lists every layer's content digest: the image's identity (its image id). */
    public String imageId() {
        return configDigest;
    }

    /** The environment variables the image sets ({@code Env}), in its order. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode entry : runConfig().path("Env")) {
            String text = entry.asText();
            int equals = text.indexOf('=');
            if (equals > 0) {
                environment.put(text.substring(0, equals), text.substring(equals + 1));
            }
        }
        return environment;
    }

    /** The value of an environment variable the image sets, if it sets it. */
    public Optional<String> env(String name) {
        return Optional.ofNullable(environment().get(name));
    }

    /** Calls {@code visitor} for every entry of every layer, lowest layer (0) first. */
    public void forEachLayerEntry(LayerVisitor visitor) throws IOException {
        for (int index = 0; index < layers.size(); index++) {
            TarArchiveEntry entry = entry(layers.get(index));
            try (InputStream raw = new BufferedInputStream(tar.getInputStream(entry));
                    TarArchiveInputStream layerTar = new TarArchiveInputStream(decompressed(raw))) {
                TarArchiveEntry file;
                while ((file = layerTar.getNextEntry()) != null) {
                    visitor.visit(index, file, layerTar);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    /** One entry of a layer; {@code content} is positioned at its bytes. */
    @FunctionalInterface
    public interface LayerVisitor {
        void visit(int layer, TarArchiveEntry entry, InputStream content) throws IOException;
    }

    private byte[] read(String name) throws IOException {
        try (InputStream in = tar.getInputStream(entry(name))) {
            return in.readAllBytes();
        }
    }

    private TarArchiveEntry entry(String name) throws IOException {
        String wanted = name.replaceFirst("^\\./", "");
        for (TarArchiveEntry entry : tar.getEntries()) {
            if (entry.getName().replaceFirst("^\\./", "").equals(wanted)) {
                return entry;
            }
        }
        throw new IOException("the archive has no " + name);
    }

    /** docker save writes plain layer tars, Jib gzipped ones: tell them apart by gzip's magic bytes. */
    private static InputStream decompressed(InputStream raw) throws IOException {
        raw.mark(2);
        int first = raw.read();
        int second = raw.read();
        raw.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(raw) : raw;
    }
}
