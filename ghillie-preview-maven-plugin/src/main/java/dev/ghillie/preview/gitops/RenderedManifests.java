package dev.ghillie.preview.gitops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The infrastructure modules' rendered manifests: the JSON {@code tofu output -json rendered_manifests}
 * prints, a map from a path in the tree to a YAML document. {@code tofu output -json} without the
 * output's name prints every output of the root module, each wrapped
 * ({@code {"rendered_manifests": {"value": {...}, ...}, "other": {...}}}); both are read.
 */
public final class RenderedManifests {

    static final String SETTING = "ghillie.preview.gitops.rendered";
    private static final String OUTPUT = "rendered_manifests";

    private RenderedManifests() {}

    /** The map in {@code file}, keys sorted; a file that is missing or not such a map is a {@link GitOpsException}. */
    public static Map<String, String> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new GitOpsException(SETTING + "=" + file + " does not exist: point it at the file `tofu output -json "
                    + OUTPUT + "` wrote");
        } catch (IOException e) {
            throw new GitOpsException(SETTING + "=" + file + " cannot be read (" + e.getMessage() + ")");
        }
        return parse(file.toString(), text);
    }

    static Map<String, String> parse(String source, String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new GitOpsException(SETTING + "=" + source + " is not JSON (line "
                    + e.getLocation().getLineNr() + "): write it with `tofu output -json " + OUTPUT + "`");
        }
        // `tofu output -json` prints every output of the root module, so others may stand beside ours. A bare
        // map cannot hold this key: its keys are tree paths of YAML files.
        if (root != null && root.path(OUTPUT).path("value").isObject()) {
            root = root.path(OUTPUT).path("value");
        }
        if (root == null || !root.isObject()) {
            throw new GitOpsException(
                    SETTING + "=" + source + " is not a JSON object mapping tree paths to YAML documents:"
                            + " write it with `tofu output -json " + OUTPUT + "`");
        }
        Map<String, String> manifests = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new GitOpsException(
                        SETTING + ": the value of '" + field.getKey() + "' is not a string holding YAML");
            }
            manifests.put(field.getKey(), field.getValue().asText());
        }
        return manifests;
    }
}
