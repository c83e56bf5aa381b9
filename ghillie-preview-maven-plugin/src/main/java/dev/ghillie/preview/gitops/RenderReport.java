package dev.ghillie.preview.gitops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a render did to the tree (or, in check mode, would do): paths relative to the tree's root, sorted.
 *
 * @param check whether nothing was written (drift detection)
 * @param notes what the user should know about the tree that is not a change (e.g. Flux not bootstrapped yet)
 */
public record RenderReport(
        List<String> created,
        List<String> updated,
        List<String> unchanged,
        List<String> removed,
        boolean check,
        List<String> notes) {

    public RenderReport {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        unchanged = List.copyOf(unchanged);
        removed = List.copyOf(removed);
        notes = List.copyOf(notes);
    }

    /** Every path that was (or would be) created, updated or removed. */
    public List<String> changed() {
        List<String> changed = new ArrayList<>(created);
        changed.addAll(updated);
        changed.addAll(removed);
        return changed.stream().sorted().toList();
    }

    /** {@code created 3, updated 1, unchanged 40, removed 0}. */
    public String counts() {
        return "created " + created.size() + ", updated " + updated.size() + ", unchanged " + unchanged.size()
                + ", removed " + removed.size();
    }

    /** One line per changed path, e.g. {@code created platform/traefik/traefik.yaml}. */
    public List<String> changeLines() {
        List<String> lines = new ArrayList<>();
        created.forEach(path -> lines.add("created " + path));
        updated.forEach(path -> lines.add("updated " + path));
        removed.forEach(path -> lines.add("removed " + path));
        return lines;
    }

    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("check", check);
        json.put("created", created);
        json.put("updated", updated);
        json.put("unchanged", unchanged);
        json.put("removed", removed);
        json.put("notes", notes);
        try {
            return new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(json)
                            .replace("\r\n", "\n")
                    + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report could not be written as JSON", e);
        }
    }
}
