package dev.ghillie.preview.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which of the values {@code up} passes with {@code --set} differ from those of the deployed revision, for the plan.
 * The values ghillie sets itself (image, Secret checksum, debugger) are shown old and new; the user's own
 * ({@code ghillie.preview.set}) by name only, since one may be a password.
 */
final class ReleaseValueChanges {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ReleaseValueChanges() {}

    /**
     * @param deployedYaml {@code helm get values} of the deployed revision
     * @param requested    the {@code --set} values up passes, keys as Helm reads them ({@code a.b\.c})
     * @param shown        the keys whose values may be printed
     */
    static List<String> between(String deployedYaml, Map<String, String> requested, Set<String> shown) {
        Map<String, String> deployed = flatten(deployedYaml);
        List<String> changes = new ArrayList<>();
        new java.util.TreeMap<>(requested).forEach((key, value) -> {
            String was = deployed.get(key.replace("\\.", "."));
            if (!Objects.equals(was, value)) {
                changes.add(
                        shown.contains(key)
                                ? key.replace("\\.", ".") + ": " + (was == null ? "(unset)" : was) + " -> " + value
                                : key.replace("\\.", ".") + ": changed (ghillie.preview.set; value not shown)");
            }
        });
        return changes;
    }

    private static Map<String, String> flatten(String yaml) {
        Map<String, String> flat = new LinkedHashMap<>();
        try {
            Object tree = yaml == null || yaml.isBlank() ? null : YAML.readValue(yaml, Object.class);
            flatten("", tree, flat);
        } catch (IOException e) {
            // Unreadable values say nothing about what differs; the fingerprint still decides.
        }
        return flat;
    }

    private static void flatten(String prefix, Object node, Map<String, String> flat) {
        if (node instanceof Map<?, ?> map) {
            map.forEach(
                    (key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, flat));
        } else if (node != null) {
            flat.put(prefix, String.valueOf(node));
        }
    }
}
