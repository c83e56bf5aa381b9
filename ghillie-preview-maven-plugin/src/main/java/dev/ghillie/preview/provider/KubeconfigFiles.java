package dev.ghillie.preview.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ghillie.preview.cluster.ClusterException;
import dev.ghillie.preview.cluster.HostPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Kubeconfig files the providers write for the preview: credentials, so readable by their owner only. */
public final class KubeconfigFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private KubeconfigFiles() {}

    /**
     * Where the providers keep the preview's kubeconfig files: {@code $XDG_CONFIG_HOME/ghillie-preview}, else
     * {@code ~/.config/ghillie-preview}, as k3d keeps its own under {@code ~/.config/k3d}: outside the project, so
     * credentials never land in {@code target/} (which CI jobs archive).
     */
    public static Path directory(java.util.Map<String, String> environment) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "ghillie-preview").toAbsolutePath();
        }
        String home = environment.get("HOME");
        return Path.of(
                        home == null || home.isBlank() ? System.getProperty("user.home") : home,
                        ".config",
                        "ghillie-preview")
                .toAbsolutePath();
    }

    /** Writes {@code text} to {@code file}, owner read/write only where the file system has POSIX permissions. */
    public static Path writePrivate(Path file, String text) {
        try {
            Path directory = Files.createDirectories(file.toAbsolutePath().getParent());
            // A temporary file of its own per writer: two steps of one goal may write the same kubeconfig side by side.
            Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system (Windows): the user's profile directory protects it
                }
                Files.writeString(temporary, text);
                Files.move(
                        temporary,
                        file,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new ClusterException("cannot write the kubeconfig " + file + ": " + e.getMessage(), e);
        }
    }

    /** The API server of the current context's cluster, e.g. {@code 127.0.0.1:41237}. */
    public static HostPort apiServer(String kubeconfig) {
        return apiServerUrl(kubeconfig).hostPort();
    }

    /** The current context's cluster's server URL, e.g. {@code https://127.0.0.1:41237}. */
    public static ApiServerUrl apiServerUrl(String kubeconfig) {
        JsonNode root;
        try {
            root = YAML.readTree(kubeconfig);
        } catch (IOException e) {
            throw new ClusterException(
                    "the kubeconfig is not readable YAML ("
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")",
                    e);
        }
        String context = root == null ? "" : root.path("current-context").asText("");
        String cluster = "";
        for (JsonNode entry : root == null ? YAML.createArrayNode() : root.path("contexts")) {
            if (entry.path("name").asText().equals(context)) {
                cluster = entry.path("context").path("cluster").asText("");
            }
        }
        for (JsonNode entry : root == null ? YAML.createArrayNode() : root.path("clusters")) {
            if (entry.path("name").asText().equals(cluster)) {
                return ApiServerUrl.parse(
                        entry.path("cluster").path("server").asText(""), cluster, context, "the kubeconfig");
            }
        }
        throw new ClusterException("the kubeconfig's current context names no cluster with an API server");
    }
}
