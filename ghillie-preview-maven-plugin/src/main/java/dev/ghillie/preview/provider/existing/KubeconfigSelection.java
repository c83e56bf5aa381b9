package dev.ghillie.preview.provider.existing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ghillie.preview.cluster.ClusterException;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.provider.ApiServerUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One context out of the user's kubeconfig files, as kubectl reads them: several files (KUBECONFIG) merged with the
 * first file's entry winning for each name and the first current-context set, then cut down to that context, its
 * cluster and its user ({@code kubectl config view --minify --flatten}). The preview hands this one-context file to
 * every client, so the user's own files and current context are never changed and a context other than their current
 * one can be used. File paths inside (certificates, keys, token files) are made absolute, since the copy lives elsewhere.
 *
 * @param context the context's name
 * @param server  its cluster's API server URL
 * @param yaml    the one-context kubeconfig, credentials included
 */
public record KubeconfigSelection(String context, String server, String yaml) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> PATH_FIELDS =
            List.of("certificate-authority", "client-certificate", "client-key", "tokenFile");

    /**
     * @param files   the kubeconfig files in kubectl's order; missing ones are skipped, as kubectl does
     * @param context the context to use; empty: the current context
     * @param origin  how the files were chosen, for messages (e.g. {@code KUBECONFIG})
     */
    public static KubeconfigSelection select(List<Path> files, Optional<String> context, String origin) {
        List<Path> present = files.stream().filter(Files::isRegularFile).toList();
        if (present.isEmpty()) {
            throw new ClusterException("no kubeconfig file at " + join(files) + " (" + origin
                    + "): point ghillie.preview.kubeconfig at the" + " cluster's kubeconfig");
        }
        ObjectNode merged = YAML.createObjectNode();
        String current = "";
        ArrayNode contexts = YAML.createArrayNode();
        ArrayNode clusters = YAML.createArrayNode();
        ArrayNode users = YAML.createArrayNode();
        for (Path file : present) {
            JsonNode root = read(file);
            if (current.isEmpty()) {
                current = root.path("current-context").asText("");
            }
            addNew(contexts, root.path("contexts"), file);
            addNew(clusters, root.path("clusters"), file);
            addNew(users, root.path("users"), file);
        }
        String wanted = context.orElse(current);
        if (wanted.isEmpty()) {
            throw new ClusterException("the kubeconfig (" + join(present) + ") has no current context: name one with"
                    + " ghillie.preview.context");
        }
        JsonNode contextEntry = named(contexts, wanted)
                .orElseThrow(() -> new ClusterException("context '" + wanted + "' is not in the"
                        + " kubeconfig (" + join(present)
                        + "): see `kubectl config get-contexts`, and set ghillie.preview.context"
                        + " (or ghillie.preview.kubeconfig)"));
        String clusterName = contextEntry.path("context").path("cluster").asText("");
        String userName = contextEntry.path("context").path("user").asText("");
        JsonNode cluster = named(clusters, clusterName)
                .orElseThrow(() -> new ClusterException("context '" + wanted + "' names cluster '" + clusterName
                        + "', which the kubeconfig (" + join(present) + ") does not define"));
        String server = cluster.path("cluster").path("server").asText("");
        if (server.isBlank()) {
            throw new ClusterException("cluster '" + clusterName + "' of context '" + wanted
                    + "' has no server in the kubeconfig (" + join(present) + ")");
        }
        ApiServerUrl.parse(server, clusterName, wanted, "the kubeconfig (" + join(present) + ")");
        merged.put("apiVersion", "v1").put("kind", "Config").put("current-context", wanted);
        merged.putArray("clusters").add(cluster);
        merged.putArray("contexts").add(contextEntry);
        ArrayNode userArray = merged.putArray("users");
        named(users, userName).ifPresent(userArray::add);
        try {
            return new KubeconfigSelection(wanted, server, YAML.writeValueAsString(merged));
        } catch (IOException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    /** The server's host and port; {@link #select} has checked that it is a URL. */
    public HostPort apiServer() {
        return ApiServerUrl.parse(server, "", context, "the kubeconfig").hostPort();
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode root = YAML.readTree(file.toFile());
            return root == null ? YAML.createObjectNode() : root;
        } catch (IOException e) {
            throw new ClusterException(
                    "the kubeconfig " + file + " is not readable YAML: "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    e);
        }
    }

    /** kubectl's merge: the first file to define a name wins. Relative paths resolve against the file that holds them. */
    private static void addNew(ArrayNode into, JsonNode entries, Path file) {
        for (JsonNode entry : entries) {
            String name = entry.path("name").asText("");
            if (!name.isEmpty() && named(into, name).isEmpty()) {
                JsonNode copy = entry.deepCopy();
                absolutePaths(copy, file.toAbsolutePath().getParent());
                into.add(copy);
            }
        }
    }

    private static void absolutePaths(JsonNode entry, Path directory) {
        for (String section : List.of("cluster", "user")) {
            if (entry.path(section) instanceof ObjectNode fields) {
                for (String field : PATH_FIELDS) {
                    String value = fields.path(field).asText("");
                    if (!value.isEmpty() && !Path.of(value).isAbsolute()) {
                        fields.put(field, directory.resolve(value).normalize().toString());
                    }
                }
            }
        }
    }

    private static Optional<JsonNode> named(ArrayNode entries, String name) {
        for (JsonNode entry : entries) {
            if (entry.path("name").asText("").equals(name)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    private static String join(List<Path> files) {
        return String.join(", ", files.stream().map(Path::toString).toList());
    }
}
