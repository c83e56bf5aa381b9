package dev.ghillie.preview.gitops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Renders the Flux GitOps tree of one cluster into a checkout of the GitOps repository: the platform
 * ({@code platform/}), the cluster's entry points ({@code clusters/<cluster>/}), the infrastructure
 * modules' manifests ({@code modules/}) and, when asked, one preview ({@code previews/<cluster>/<id>/}).
 *
 * <p>Every input is checked before the first write, so bad input changes nothing. The same inputs give
 * the same bytes; a file whose bytes would not change is not written (its modification time stays).
 * {@code platform/} and {@code clusters/<cluster>/} (but the bootstrap's {@code flux-system/}) are the
 * renderer's: what it no longer renders there is removed. Elsewhere it writes only what it renders, and
 * removes only the preview it is told to.
 */
public final class GitOpsRenderer {

    static final String DIR_SETTING = "ghillie.preview.gitops.dir";
    static final String CLUSTER_SETTING = "ghillie.preview.gitops.cluster";
    static final String PREVIEW_SETTING = "ghillie.preview.gitops.preview";
    static final String DOMAIN_SETTING = "ghillie.preview.gitops.domain";
    static final String CHART_REPOSITORY_SETTING = "ghillie.preview.gitops.chartRepository";
    static final String CHART_REVISION_SETTING = "ghillie.preview.gitops.chartRevision";
    /** What Flux's GitRepository accepts as {@code spec.url} (its CRD's pattern): no scp-like {@code git@host:path}. */
    private static final Pattern GIT_URL = Pattern.compile("^(http|https|ssh)://.*$");
    /** A full SHA-1 or SHA-256 commit id: Flux checks out {@code ref.commit} as given. */
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    static final String KUSTOMIZATION = "kustomization.yaml";
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** The other names kustomize reads as a folder's kustomization: never a resource, never beside ours. */
    private static final Set<String> OTHER_KUSTOMIZATION_FILES = Set.of("kustomization.yml", "Kustomization");
    /** The preview's namespace is {@code preview-<id>}, a DNS label of at most 63 characters. */
    private static final int MAX_PREVIEW_ID = 63 - "preview-".length();

    /**
     * What to render besides the platform.
     *
     * @param preview        a preview to render (its folder and entry)
     * @param removedPreview the id of a preview to remove (its folder and entry)
     * @param check          write nothing; the report says what would change
     */
    public record Options(
            PlatformCharts charts, Optional<PreviewSpec> preview, Optional<String> removedPreview, boolean check) {

        public Options {
            if (preview.isPresent() && removedPreview.isPresent()) {
                throw new IllegalArgumentException("render a preview or remove one, not both");
            }
        }
    }

    private final Options options;
    private final YamlDocuments yaml = new YamlDocuments();

    public GitOpsRenderer(Options options) {
        this.options = options;
    }

    /**
     * Renders (or checks) the tree.
     *
     * @param tree     the GitOps checkout's root
     * @param rendered the infrastructure modules' manifests, tree path to YAML; they win over what the renderer makes at the same path
     * @param cluster  the cluster's name, a DNS label
     * @throws GitOpsException for bad input (nothing written then) or a file that cannot be written
     */
    public RenderReport render(Path tree, Map<String, String> rendered, String cluster) {
        requireLabel(CLUSTER_SETTING, cluster, 63);
        requireTree(tree, !options.check());
        options.preview().ifPresent(GitOpsRenderer::requirePreview);
        options.removedPreview().ifPresent(GitOpsRenderer::requirePreviewId);
        ModuleManifests given = ModuleManifests.of(rendered, cluster, yaml);
        TreeFiles files = new TreeFiles(tree);

        SortedMap<String, String> desired = desiredFiles(files, given, cluster);
        requireOneFilePerPath(desired.keySet());
        SortedSet<String> blockers = blockers(files, desired.keySet(), cluster);
        SortedSet<String> owned = ownedFiles(files, cluster);

        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> removed = new ArrayList<>(blockers);
        for (Map.Entry<String, String> file : desired.entrySet()) {
            Optional<String> current = blockers.contains(file.getKey()) ? Optional.empty() : files.read(file.getKey());
            (current.isEmpty() ? created : current.get().equals(file.getValue()) ? unchanged : updated)
                    .add(file.getKey());
        }
        for (String path : owned) {
            if (!desired.containsKey(path) && blockers.stream().noneMatch(blocker -> path.startsWith(blocker + "/"))) {
                removed.add(path);
            }
        }
        removed.sort(null);
        if (!options.check()) {
            // What stands where the tree needs a folder (or a file) goes first, so that every write below can succeed.
            blockers.forEach(files::removeTree);
            for (String path : created) {
                files.write(path, desired.get(path));
            }
            for (String path : updated) {
                files.write(path, desired.get(path));
            }
            for (String path : removed) {
                if (!blockers.contains(path)) {
                    files.remove(path, topOf(path));
                }
            }
        }
        List<String> notes = new ArrayList<>();
        if (!files.isRealDirectory("clusters/" + cluster + "/flux-system")) {
            notes.add("clusters/" + cluster
                    + "/flux-system/ does not exist: bootstrap Flux into this path (flux bootstrap ... --path=clusters/"
                    + cluster + ") and run the goal again, so that clusters/" + cluster
                    + "/kustomization.yaml lists the bootstrap's own"
                    + " manifests (without them there, Flux would prune itself)");
        }
        return new RenderReport(created, updated, unchanged, removed, options.check(), notes);
    }

    /**
     * Two rendered paths where one is the other's folder, or that differ only in case (one file on macOS' and Windows'
     * file systems), could never both be written: refused before anything is.
     */
    private static void requireOneFilePerPath(Set<String> paths) {
        Map<String, String> byLowerCase = new TreeMap<>();
        for (String path : paths) {
            String other = byLowerCase.putIfAbsent(path.toLowerCase(Locale.ROOT), path);
            if (other != null) {
                throw new GitOpsException(RenderedManifests.SETTING + ": '" + other + "' and '" + path
                        + "' differ only in case, and are" + " one file on case-insensitive file systems: keep one");
            }
            String folder = parentOf(path);
            for (; !folder.isEmpty(); folder = parentOf(folder)) {
                if (paths.contains(folder)) {
                    throw new GitOpsException(
                            RenderedManifests.SETTING + ": '" + folder + "' would be a file and the folder of '" + path
                                    + "' at once: key the manifests by paths that do not nest");
                }
            }
        }
    }

    /**
     * What stands in the way of a rendered file: a file where its folder must be, a folder where it must be. In the
     * renderer's own paths they are removed (before any write); elsewhere, and for a symbolic link anywhere on the way
     * (it would lead a write out of the folder it names), the run is refused before anything is written.
     */
    private SortedSet<String> blockers(TreeFiles files, Set<String> desired, String cluster) {
        SortedSet<String> blockers = new TreeSet<>();
        for (String path : desired) {
            String[] segments = path.split("/");
            String prefix = "";
            for (int i = 0; i < segments.length; i++) {
                prefix = prefix.isEmpty() ? segments[i] : prefix + "/" + segments[i];
                boolean last = i == segments.length - 1;
                if (!last && files.isSymbolicLink(prefix)) {
                    throw new GitOpsException(DIR_SETTING + ": " + prefix
                            + " is a symbolic link, which would lead the goal's writes out of"
                            + " the folder it names: replace it with a folder");
                }
                boolean inTheWay = last ? files.isRealDirectory(prefix) : files.isRegularFile(prefix);
                if (inTheWay) {
                    if (!owns(prefix, cluster)) {
                        throw new GitOpsException(DIR_SETTING + ": " + prefix + " is a " + (last ? "folder" : "file")
                                + " where the tree needs " + (last ? "the file" : "a folder for") + " " + path
                                + ": move it away");
                    }
                    blockers.add(prefix);
                }
            }
        }
        return blockers;
    }

    /** Whether {@code path} lies in what the renderer manages (and may therefore remove or overwrite). */
    private boolean owns(String path, String cluster) {
        String clusterRoot = "clusters/" + cluster;
        Optional<String> preview = options.preview().map(PreviewSpec::id).or(options::removedPreview);
        return path.equals("platform")
                || path.startsWith("platform/")
                || (path.equals(clusterRoot) || path.startsWith(clusterRoot + "/"))
                        && !path.startsWith(clusterRoot + "/flux-system")
                || preview.map(id -> path.equals(PreviewTree.directory(cluster, id))
                                || path.startsWith(PreviewTree.directory(cluster, id) + "/")
                                || path.equals(PreviewTree.entry(cluster, id)))
                        .orElse(false);
    }

    /** Every file the run renders, path to content. */
    private SortedMap<String, String> desiredFiles(TreeFiles files, ModuleManifests given, String cluster) {
        PlatformTree platform = new PlatformTree(options.charts());
        SortedMap<String, List<Map<String, Object>>> documents = new TreeMap<>(platform.platform(cluster));
        boolean modules =
                given.hasModules() || files.read("modules/" + KUSTOMIZATION).isPresent();
        documents.putAll(platform.cluster(cluster, modules));
        options.preview().ifPresent(preview -> documents.putAll(PreviewTree.files(cluster, preview)));
        given.paths().forEach(documents::remove);
        given.requireNoDuplicates(documents);

        SortedMap<String, String> desired = new TreeMap<>();
        documents.forEach((path, content) -> desired.put(path, yaml.write(content)));
        desired.putAll(given.texts());
        desired.putAll(kustomizations(files, desired, cluster));
        return desired;
    }

    /**
     * A {@code kustomization.yaml} for each folder that needs one and has none from the modules: it lists
     * exactly the files beside it (and, under {@code modules/}, the folders below that have one).
     */
    private Map<String, String> kustomizations(TreeFiles files, SortedMap<String, String> desired, String cluster) {
        String previews = PreviewTree.previewsDirectory(cluster);
        SortedMap<String, SortedSet<String>> resources = new TreeMap<>();
        resources.put(previews, new TreeSet<>());
        for (String path : desired.keySet()) {
            String dir = parentOf(path);
            resources.computeIfAbsent(dir, key -> new TreeSet<>()).add(nameOf(path));
            if (path.startsWith("modules/")) {
                for (String child = dir; child.contains("/"); child = parentOf(child)) {
                    resources
                            .computeIfAbsent(parentOf(child), key -> new TreeSet<>())
                            .add(nameOf(child));
                }
            }
        }
        for (Map.Entry<String, SortedSet<String>> dir : resources.entrySet()) {
            // Folders the renderer does not own keep the files they already hold: they are listed too.
            if (dir.getKey().equals(previews) || dir.getKey().startsWith("modules")) {
                for (String name : files.fileNames(dir.getKey())) {
                    if (!desired.containsKey(dir.getKey() + "/" + KUSTOMIZATION)
                            && OTHER_KUSTOMIZATION_FILES.contains(name)) {
                        throw new GitOpsException(DIR_SETTING + ": " + dir.getKey() + "/" + name
                                + " is a kustomization file beside the " + KUSTOMIZATION
                                + " the goal writes there, and kustomize refuses a folder with two: remove it");
                    }
                    if (isYaml(name) && !OTHER_KUSTOMIZATION_FILES.contains(name)) {
                        dir.getValue().add(name);
                    }
                }
            }
            if (dir.getKey().startsWith("modules")) {
                files.directoryNames(dir.getKey()).stream()
                        .filter(sub -> files.read(dir.getKey() + "/" + sub + "/" + KUSTOMIZATION)
                                .isPresent())
                        .forEach(dir.getValue()::add);
            }
        }
        options.removedPreview()
                .ifPresent(id -> resources.get(previews).remove(nameOf(PreviewTree.entry(cluster, id))));
        if (files.isDirectory("clusters/" + cluster + "/flux-system")) {
            resources.get("clusters/" + cluster).add("flux-system");
        }
        Map<String, String> kustomizations = new LinkedHashMap<>();
        for (Map.Entry<String, SortedSet<String>> dir : resources.entrySet()) {
            String path = dir.getKey() + "/" + KUSTOMIZATION;
            if (!desired.containsKey(path)) {
                dir.getValue().remove(KUSTOMIZATION);
                Map<String, Object> kustomization = new LinkedHashMap<>();
                kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
                kustomization.put("kind", "Kustomization");
                kustomization.put("resources", List.copyOf(dir.getValue()));
                kustomizations.put(path, yaml.write(List.of(kustomization)));
            }
        }
        return kustomizations;
    }

    /** The files the renderer may remove: its own folders, and the preview it renders or removes. */
    private SortedSet<String> ownedFiles(TreeFiles files, String cluster) {
        String clusterRoot = "clusters/" + cluster;
        SortedSet<String> owned = new TreeSet<>(files.filesUnder("platform"));
        files.filesUnder(clusterRoot).stream()
                .filter(path -> !path.startsWith(clusterRoot + "/flux-system/"))
                .forEach(owned::add);
        Optional<String> preview = options.preview().map(PreviewSpec::id).or(options::removedPreview);
        preview.ifPresent(id -> {
            owned.addAll(files.filesUnder(PreviewTree.directory(cluster, id)));
            if (files.read(PreviewTree.entry(cluster, id)).isPresent()) {
                owned.add(PreviewTree.entry(cluster, id));
            }
        });
        return owned;
    }

    /** A drift check reads only: a read-only checkout will do for it. */
    private static void requireTree(Path tree, boolean writes) {
        if (!Files.isDirectory(tree)) {
            throw new GitOpsException(
                    DIR_SETTING + "=" + tree + " is not a directory: point it at a checkout of the GitOps repository");
        }
        if (writes && !Files.isWritable(tree)) {
            throw new GitOpsException(
                    DIR_SETTING + "=" + tree + " is not writable: check the checkout's owner and permissions");
        }
    }

    private static void requirePreview(PreviewSpec preview) {
        requirePreviewId(preview.id());
        String domain = preview.domain();
        if (domain == null || domain.isBlank()) {
            throw new GitOpsException(
                    DOMAIN_SETTING + " is not set: give the domain preview hosts live under, e.g. preview.example.com");
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.length() > 63 || !DNS_LABEL.matcher(label).matches()) {
                throw new GitOpsException(DOMAIN_SETTING + "='" + domain
                        + "' is not a DNS name: use lower-case labels joined by dots," + " e.g. preview.example.com");
            }
        }
        if (preview.chartRepository() == null
                || !GIT_URL.matcher(preview.chartRepository()).matches()) {
            throw new GitOpsException(
                    CHART_REPOSITORY_SETTING + "='" + preview.chartRepository() + "' is not an address Flux can clone:"
                            + " use https://host/team/repo.git or ssh://git@host/team/repo.git (not git@host:team/repo.git)");
        }
        if (preview.chartRevision() == null
                || !COMMIT.matcher(preview.chartRevision()).matches()) {
            throw new GitOpsException(CHART_REVISION_SETTING + "='" + preview.chartRevision()
                    + "' is not a full commit id: give the" + " 40 hex digits git rev-parse HEAD prints");
        }
        if (preview.host().length() > 253) {
            throw new GitOpsException(DOMAIN_SETTING + "='" + domain + "' makes the host " + preview.host()
                    + " longer than DNS allows (253): use a shorter domain or preview id");
        }
    }

    /** A preview's entry is {@code previews/<cluster>/<id>.yaml}: the id {@code kustomization} would replace the folder's own. */
    private static void requirePreviewId(String id) {
        requireLabel(PREVIEW_SETTING, id, MAX_PREVIEW_ID);
        if (id.equals("kustomization")) {
            throw new GitOpsException(
                    PREVIEW_SETTING + "='kustomization' would make the preview's entry the previews folder's own"
                            + " kustomization.yaml: use another id, e.g. pr-123");
        }
    }

    static void requireLabel(String setting, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new GitOpsException(setting + " is not set: give a DNS label, e.g. "
                    + (setting.equals(PREVIEW_SETTING) ? "pr-123" : "preview-eu"));
        }
        if (value.length() > maxLength || !DNS_LABEL.matcher(value).matches()) {
            throw new GitOpsException(setting + "='" + value + "' is not a DNS label: use at most " + maxLength
                    + " lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
    }

    static boolean isYaml(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The path's first segment ({@code platform}, {@code clusters}, {@code previews}): emptied folders are pruned up to it. */
    private static String topOf(String path) {
        return path.substring(0, path.indexOf('/'));
    }
}
