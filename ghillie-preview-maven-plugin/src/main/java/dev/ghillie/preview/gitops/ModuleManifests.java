package dev.ghillie.preview.gitops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The infrastructure modules' rendered manifests, checked: each key a relative path of a YAML file under
 * {@code modules/}, {@code platform/} or {@code clusters/<cluster>/}, each value YAML whose documents
 * are Kubernetes objects. Their text is written as given, with LF line ends.
 */
final class ModuleManifests {

    private final SortedMap<String, String> texts;
    private final Map<String, List<Map<String, Object>>> documents;

    private ModuleManifests(SortedMap<String, String> texts, Map<String, List<Map<String, Object>>> documents) {
        this.texts = texts;
        this.documents = documents;
    }

    static ModuleManifests of(Map<String, String> rendered, String cluster, YamlDocuments yaml) {
        SortedMap<String, String> texts = new TreeMap<>();
        Map<String, List<Map<String, Object>>> documents = new HashMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(rendered).entrySet()) {
            String key = entry.getKey();
            requirePath(key, cluster);
            String text = entry.getValue().replace("\r\n", "\n").replace('\r', '\n');
            List<Map<String, Object>> parsed =
                    yaml.read(RenderedManifests.SETTING + ": the value of '" + key + "'", text);
            if (!key.endsWith("/" + GitOpsRenderer.KUSTOMIZATION)) {
                for (Map<String, Object> document : parsed) {
                    ObjectId.of(document)
                            .orElseThrow(
                                    () -> new GitOpsException(
                                            RenderedManifests.SETTING + ": the value of '" + key
                                                    + "' holds a document without kind and metadata.name: each document must be a Kubernetes object"));
                }
                documents.put(key, parsed);
            }
            texts.put(key, text.isEmpty() || text.endsWith("\n") ? text : text + "\n");
        }
        return new ModuleManifests(texts, documents);
    }

    private static boolean appliedFolder(String folder, String cluster) {
        return folder.equals("clusters/" + cluster)
                || PlatformTree.PARTS.stream().anyMatch(part -> part.directory().equals(folder));
    }

    Set<String> paths() {
        return texts.keySet();
    }

    SortedMap<String, String> texts() {
        return texts;
    }

    boolean hasModules() {
        return texts.keySet().stream().anyMatch(path -> path.startsWith("modules/"));
    }

    /**
     * Refuses two documents of the same kind and name in one folder (one Kustomization build), counting
     * the renderer's own documents there: kustomize would refuse the folder, and Flux with it.
     */
    void requireNoDuplicates(Map<String, List<Map<String, Object>>> rendered) {
        Map<String, Map<ObjectId, String>> seen = new HashMap<>();
        List<Map.Entry<String, List<Map<String, Object>>>> all = new ArrayList<>(new TreeMap<>(documents).entrySet());
        all.addAll(new TreeMap<>(rendered).entrySet());
        for (Map.Entry<String, List<Map<String, Object>>> file : all) {
            Map<ObjectId, String> inFolder = seen.computeIfAbsent(buildOf(file.getKey()), key -> new HashMap<>());
            for (Map<String, Object> document : file.getValue()) {
                ObjectId id = ObjectId.of(document).orElseThrow();
                String first = inFolder.putIfAbsent(id, file.getKey());
                if (first != null) {
                    boolean ours = rendered.containsKey(file.getKey());
                    throw new GitOpsException(RenderedManifests.SETTING + ": '" + first + "'"
                            + (first.equals(file.getKey())
                                    ? " holds "
                                    : " and " + (ours ? "the goal's " : "'") + file.getKey() + (ours ? "" : "'")
                                            + " both hold ")
                            + id
                            + (ours
                                    ? ": key the module's document to " + file.getKey() + " to replace the goal's"
                                    : ": keep one"));
                }
            }
        }
    }

    /** The folder kustomize builds a file in: modules/ is one build (its kustomization lists its sub-folders), others their own. */
    private static String buildOf(String path) {
        return path.startsWith("modules/") ? "modules" : GitOpsRenderer.parentOf(path);
    }

    private static void requirePath(String key, String cluster) {
        String problem = null;
        if (key.isEmpty() || key.startsWith("/") || key.contains("\\") || key.matches("^[A-Za-z]:.*")) {
            problem = "is not a relative path";
        } else if (List.of(key.split("/", -1)).stream()
                .anyMatch(segment -> segment.isEmpty() || segment.equals(".") || segment.equals(".."))) {
            problem = "holds an empty, '.' or '..' segment";
        } else if (!GitOpsRenderer.isYaml(key)) {
            problem = "is not a .yaml or .yml file";
        } else if (key.endsWith("/kustomization.yml")) {
            problem =
                    "names a kustomization.yml, which kustomize would find beside the kustomization.yaml the goal writes";
        } else if (!(key.startsWith("modules/")
                || key.startsWith("platform/")
                || key.startsWith("clusters/" + cluster + "/")
                        && !key.startsWith("clusters/" + cluster + "/flux-system/"))) {
            problem =
                    "lies outside modules/, platform/ and clusters/" + cluster + "/ (flux-system/ is the bootstrap's)";
        } else if (!key.startsWith("modules/") && !appliedFolder(GitOpsRenderer.parentOf(key), cluster)) {
            problem =
                    "lies in a folder no Flux Kustomization applies: use modules/, clusters/" + cluster + "/ or one of "
                            + String.join(
                                    ", ",
                                    PlatformTree.PARTS.stream()
                                            .map(PlatformTree.Part::directory)
                                            .toList());
        }
        if (problem != null) {
            throw new GitOpsException(RenderedManifests.SETTING + ": the key '" + key + "' " + problem
                    + ": key each manifest by its path in the tree, e.g. platform/databases/cloudnative-pg.yaml");
        }
    }
}
