package dev.ghillie.preview.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ghillie.preview.settings.ServiceConventions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer's rules, read back with a real YAML parser: layout, determinism, idempotence, owned paths, bad input. */
class GitOpsRendererTest {

    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String CNPG_OVERRIDE = """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: cnpg
              namespace: cnpg-system
            spec:
              interval: 1h
              chart:
                spec:
                  chart: cloudnative-pg
                  version: 0.29.0
                  sourceRef: {kind: HelmRepository, name: cloudnative-pg, namespace: flux-system}
              values:
                monitoring: {podMonitorEnabled: false}
            """;
    static final String ZONE =
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dns-zone\n  namespace: external-dns\ndata:\n  zone: preview.example.test\n";

    @TempDir
    Path tree;

    static PreviewSpec preview(String id) {
        return new PreviewSpec(
                id,
                "preview.example.test",
                "registry.example.test/team/ghillie-runtime",
                DIGEST,
                "https://example.test/team/ghillie.git",
                "0123456789abcdef0123456789abcdef01234567",
                ServiceConventions.DEFAULTS);
    }

    static GitOpsRenderer renderer(Optional<PreviewSpec> preview, Optional<String> removed, boolean check) {
        return new GitOpsRenderer(new GitOpsRenderer.Options(PlatformCharts.pinned(), preview, removed, check));
    }

    static Map<String, String> moduleMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("platform/databases/cloudnative-pg.yaml", CNPG_OVERRIDE);
        map.put("modules/dns/zone.yaml", ZONE);
        return map;
    }

    RenderReport renderPreview(Path root, Map<String, String> map) {
        return renderer(Optional.of(preview("pr-123")), Optional.empty(), false).render(root, map, "preview-eu");
    }

    @Test
    void rendersTheLayoutWithEveryKustomizationListingExactlyTheFilesBesideIt() throws IOException {
        RenderReport report = renderPreview(tree, moduleMap());

        assertThat(report.updated()).isEmpty();
        assertThat(report.removed()).isEmpty();
        assertThat(report.created())
                .contains(
                        "clusters/preview-eu/kustomization.yaml",
                        "clusters/preview-eu/platform.yaml",
                        "clusters/preview-eu/previews.yaml",
                        "clusters/preview-eu/modules.yaml",
                        "platform/sources/kustomization.yaml",
                        "platform/traefik/traefik.yaml",
                        "platform/cert-manager/issuer/cluster-issuer.yaml",
                        "platform/external-dns/external-dns.yaml",
                        "platform/vault/store/cluster-secret-store.yaml",
                        "platform/databases/cloudnative-pg.yaml",
                        "platform/redis/valkey-operator.yaml",
                        "modules/dns/zone.yaml",
                        "modules/kustomization.yaml",
                        "modules/dns/kustomization.yaml",
                        "previews/preview-eu/kustomization.yaml",
                        "previews/preview-eu/pr-123.yaml",
                        "previews/preview-eu/pr-123/release.yaml",
                        "previews/preview-eu/pr-123/database.yaml",
                        "previews/preview-eu/pr-123/valkey.yaml",
                        "previews/preview-eu/pr-123/namespace.yaml");
        for (Path kustomization : filesNamed("kustomization.yaml")) {
            List<String> beside = new ArrayList<>();
            try (Stream<Path> entries = Files.list(kustomization.getParent())) {
                entries.filter(entry -> !entry.equals(kustomization))
                        .filter(entry ->
                                Files.isRegularFile(entry) || kustomization.startsWith(tree.resolve("modules")))
                        .forEach(entry -> beside.add(entry.getFileName().toString()));
            }
            assertThat(yaml(kustomization).get("resources"))
                    .as(tree.relativize(kustomization).toString())
                    .isEqualTo(beside.stream().sorted().toList());
        }
    }

    @Test
    void theModulesWinAtTheirPathAndModulesAreWrittenAsGiven() throws IOException {
        renderPreview(tree, moduleMap());

        assertThat(Files.readString(tree.resolve("platform/databases/cloudnative-pg.yaml")))
                .isEqualTo(CNPG_OVERRIDE);
        assertThat(Files.readString(tree.resolve("modules/dns/zone.yaml"))).isEqualTo(ZONE);
        assertThat(yaml(tree.resolve("clusters/preview-eu/modules.yaml")))
                .extractingByKey("spec")
                .asString()
                .contains("path=./modules");
    }

    @Test
    void thePreviewRunsTheImageByDigestAtItsHostWithItsSecretsFromVault() throws IOException {
        renderPreview(tree, Map.of());

        Map<String, Object> release = yaml(tree.resolve("previews/preview-eu/pr-123/release.yaml"));
        assertThat(path(release, "metadata", "namespace")).isEqualTo("preview-pr-123");
        assertThat(path(release, "spec", "values", "image", "digest")).isEqualTo(DIGEST);
        assertThat(path(release, "spec", "values", "image", "repository"))
                .isEqualTo("registry.example.test/team/ghillie-runtime");
        assertThat(path(release, "spec", "values", "ingress", "hosts"))
                .isEqualTo(List.of("pr-123.preview.example.test"));
        assertThat(path(release, "spec", "values", "ingress", "annotations"))
                .isEqualTo(Map.of(
                        "cert-manager.io/cluster-issuer",
                        "letsencrypt",
                        "external-dns.alpha.kubernetes.io/hostname",
                        "pr-123.preview.example.test"));
        assertThat(path(release, "spec", "values", "secrets", "externalSecret", "apiVersion"))
                .isEqualTo("external-secrets.io/v1");
        assertThat(path(release, "spec", "values", "secrets", "externalSecret", "enabled"))
                .isEqualTo(true);
        assertThat(path(release, "spec", "chart", "spec", "sourceRef"))
                .isEqualTo(Map.of("kind", "GitRepository", "name", "ghillie"));
        Map<String, Object> source = yaml(tree.resolve("previews/preview-eu/pr-123/source.yaml"));
        assertThat(path(source, "spec", "ref", "commit")).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        Map<String, Object> database = yaml(tree.resolve("previews/preview-eu/pr-123/database.yaml"));
        assertThat(path(database, "spec", "bootstrap", "initdb", "secret", "name"))
                .isEqualTo("pg-ghillie-credentials");
        assertThat(Files.readString(tree.resolve("previews/preview-eu/pr-123/credentials.yaml")))
                .contains("key: previews/preview-eu/pr-123")
                .doesNotContain(DIGEST);
    }

    @Test
    void theSameInputsGiveTheSameBytesWhateverTheMapOrderAndLocale() throws IOException {
        Path other = Files.createDirectory(tree.resolve("other"));
        Path first = Files.createDirectory(tree.resolve("first"));
        renderPreview(first, moduleMap());
        Map<String, String> reversed = new LinkedHashMap<>();
        new ArrayList<>(moduleMap().entrySet())
                .reversed()
                .forEach(entry -> reversed.put(entry.getKey(), entry.getValue().replace("\n", "\r\n")));
        Locale locale = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            renderPreview(other, reversed);
        } finally {
            Locale.setDefault(locale);
        }
        assertThat(contents(other)).isEqualTo(contents(first));
        for (String text : contents(first).values()) {
            assertThat(text).doesNotContain("\r").endsWith("\n");
        }
        String release = contents(first).get("previews/preview-eu/pr-123/release.yaml");
        assertThat(release.indexOf("apiVersion:")).isLessThan(release.indexOf("kind:"));
        assertThat(release.indexOf("kind:")).isLessThan(release.indexOf("metadata:"));
    }

    @Test
    void aSecondRunWritesNothing() throws IOException {
        renderPreview(tree, moduleMap());
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        for (Path file : allFiles(tree)) {
            Files.setLastModifiedTime(file, old);
        }

        RenderReport second = renderPreview(tree, moduleMap());

        assertThat(second.changed()).isEmpty();
        assertThat(second.unchanged()).hasSize(allFiles(tree).size());
        for (Path file : allFiles(tree)) {
            assertThat(Files.getLastModifiedTime(file)).as(file.toString()).isEqualTo(old);
        }
    }

    @Test
    void ownedPathsAreManagedAndEverythingElseIsLeftAlone() throws IOException {
        renderPreview(tree, moduleMap());
        write("platform/traefik/traefik.yaml", "edited by hand\n");
        write("platform/traefik/stray.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: stray}\n");
        write("platform/old/left.yaml", "x: 1\n");
        write("clusters/preview-eu/extra.yaml", "x: 1\n");
        write("clusters/preview-eu/flux-system/gotk-sync.yaml", "bootstrap: mine\n");
        write("clusters/other/platform.yaml", "other: cluster\n");
        write("previews/preview-eu/pr-7.yaml", "other: preview\n");
        write("previews/preview-eu/pr-7/release.yaml", "other: preview\n");
        write("README.md", "# GitOps\n");

        RenderReport report = renderPreview(tree, moduleMap());

        assertThat(report.updated())
                .containsExactlyInAnyOrder(
                        "platform/traefik/traefik.yaml",
                        "previews/preview-eu/kustomization.yaml",
                        "clusters/preview-eu/kustomization.yaml");
        assertThat(report.removed())
                .containsExactly(
                        "clusters/preview-eu/extra.yaml", "platform/old/left.yaml", "platform/traefik/stray.yaml");
        assertThat(Files.readString(tree.resolve("platform/traefik/traefik.yaml")))
                .contains("kind: HelmRelease");
        assertThat(tree.resolve("platform/old")).doesNotExist();
        assertThat(Files.readString(tree.resolve("clusters/preview-eu/flux-system/gotk-sync.yaml")))
                .isEqualTo("bootstrap: mine\n");
        assertThat(yaml(tree.resolve("clusters/preview-eu/kustomization.yaml")).get("resources"))
                .isEqualTo(List.of("flux-system", "modules.yaml", "platform.yaml", "previews.yaml"));
        assertThat(Files.readString(tree.resolve("clusters/other/platform.yaml")))
                .isEqualTo("other: cluster\n");
        assertThat(Files.readString(tree.resolve("previews/preview-eu/pr-7/release.yaml")))
                .isEqualTo("other: preview\n");
        assertThat(Files.readString(tree.resolve("README.md"))).isEqualTo("# GitOps\n");
        assertThat(yaml(tree.resolve("previews/preview-eu/kustomization.yaml")).get("resources"))
                .isEqualTo(List.of("pr-123.yaml", "pr-7.yaml"));
    }

    @Test
    void checkModeWritesNothingAndReportsWhatWouldChange() throws IOException {
        renderPreview(tree, moduleMap());
        write("platform/traefik/traefik.yaml", "edited by hand\n");
        write("platform/traefik/stray.yaml", "x: 1\n");
        Map<String, String> before = contents(tree);

        RenderReport report = renderer(Optional.of(preview("pr-123")), Optional.empty(), true)
                .render(tree, moduleMap(), "preview-eu");

        assertThat(report.check()).isTrue();
        assertThat(report.changed()).containsExactly("platform/traefik/stray.yaml", "platform/traefik/traefik.yaml");
        assertThat(contents(tree)).isEqualTo(before);
    }

    @Test
    void removingAPreviewTakesItsFolderAndEntryAndRemovingItAgainSucceeds() throws IOException {
        renderPreview(tree, moduleMap());
        renderer(Optional.of(preview("pr-7")), Optional.empty(), false).render(tree, moduleMap(), "preview-eu");

        RenderReport removal =
                renderer(Optional.empty(), Optional.of("pr-123"), false).render(tree, moduleMap(), "preview-eu");

        assertThat(removal.removed())
                .contains("previews/preview-eu/pr-123.yaml", "previews/preview-eu/pr-123/release.yaml");
        assertThat(tree.resolve("previews/preview-eu/pr-123")).doesNotExist();
        assertThat(tree.resolve("previews/preview-eu/pr-7/release.yaml")).exists();
        assertThat(yaml(tree.resolve("previews/preview-eu/kustomization.yaml")).get("resources"))
                .isEqualTo(List.of("pr-7.yaml"));

        RenderReport again =
                renderer(Optional.empty(), Optional.of("pr-123"), false).render(tree, moduleMap(), "preview-eu");
        assertThat(again.changed()).isEmpty();
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() throws IOException {
        renderPreview(tree, moduleMap());
        write("platform/traefik/traefik.yaml", "edited by hand\n");
        Map<String, String> before = contents(tree);

        assertRefused(Map.of("/etc/passwd.yaml", ZONE), "'/etc/passwd.yaml'");
        assertRefused(Map.of("platform/../../x.yaml", ZONE), "'platform/../../x.yaml'");
        assertRefused(Map.of("elsewhere/x.yaml", ZONE), "'elsewhere/x.yaml'");
        assertRefused(Map.of("clusters/preview-eu/flux-system/x.yaml", ZONE), "flux-system/ is the bootstrap's");
        assertRefused(Map.of("modules/x.txt", ZONE), "not a .yaml or .yml file");
        assertRefused(Map.of("modules/x.yaml", "key: [unclosed"), "the value of 'modules/x.yaml' is not YAML");
        assertRefused(Map.of("modules/x.yaml", "- a\n- b\n"), "not a mapping");
        assertRefused(
                Map.of("modules/x.yaml", ZONE + "---\n" + ZONE),
                "'modules/x.yaml' holds ConfigMap external-dns/dns-zone");
        assertRefused(
                Map.of("platform/databases/operator.yaml", CNPG_OVERRIDE),
                "key the module's document to platform/databases/cloudnative-pg.yaml");
        assertThatThrownBy(() -> renderer(Optional.of(preview("PR_123")), Optional.empty(), false)
                        .render(tree, Map.of(), "preview-eu"))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("ghillie.preview.gitops.preview='PR_123' is not a DNS label");
        assertThatThrownBy(() ->
                        renderer(Optional.empty(), Optional.empty(), false).render(tree, Map.of(), "Preview.EU"))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("ghillie.preview.gitops.cluster='Preview.EU'");
        assertThatThrownBy(() -> renderer(Optional.empty(), Optional.empty(), false)
                        .render(tree.resolve("missing"), Map.of(), "preview-eu"))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("ghillie.preview.gitops.dir=");
        PreviewSpec badDomain = new PreviewSpec(
                "pr-1", "Example..test", "r/x", DIGEST, "https://x.test/x.git", "abc", ServiceConventions.DEFAULTS);
        assertThatThrownBy(() -> renderer(Optional.of(badDomain), Optional.empty(), false)
                        .render(tree, Map.of(), "preview-eu"))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("ghillie.preview.gitops.domain='Example..test'");
        PreviewSpec scpUrl = new PreviewSpec(
                "pr-1",
                "preview.example.test",
                "r/x",
                DIGEST,
                "git@example.test:team/x.git",
                "0123456789abcdef0123456789abcdef01234567",
                ServiceConventions.DEFAULTS);
        assertThatThrownBy(() ->
                        renderer(Optional.of(scpUrl), Optional.empty(), false).render(tree, Map.of(), "preview-eu"))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("ghillie.preview.gitops.chartRepository='git@example.test:team/x.git'");
        PreviewSpec shortCommit = new PreviewSpec(
                "pr-1",
                "preview.example.test",
                "r/x",
                DIGEST,
                "https://example.test/x.git",
                "0123abc",
                ServiceConventions.DEFAULTS);
        assertThatThrownBy(() -> renderer(Optional.of(shortCommit), Optional.empty(), false)
                        .render(tree, Map.of(), "preview-eu"))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("ghillie.preview.gitops.chartRevision='0123abc' is not a full commit id");

        assertThat(contents(tree)).isEqualTo(before);
    }

    @Test
    void aReadOnlyTreeIsRefusedWithTheSetting() throws IOException {
        Path readOnly = Files.createDirectory(tree.resolve("ro"));
        assertThat(readOnly.toFile().setWritable(false)).isTrue();
        try {
            // Root ignores permissions; the check is still made (and must not throw anything else).
            if (!Files.isWritable(readOnly)) {
                assertThatThrownBy(() -> renderPreview(readOnly, Map.of()))
                        .isInstanceOf(GitOpsException.class)
                        .hasMessageContaining("ghillie.preview.gitops.dir=" + readOnly + " is not writable");
            }
        } finally {
            readOnly.toFile().setWritable(true);
        }
    }

    @Test
    void chartVersionsAreOverriddenByNameAndCheckedLikeHelmReadsThem() throws IOException {
        PlatformCharts charts = PlatformCharts.pinned().withVersions(Map.of("traefik", "39.0.0"));
        new GitOpsRenderer(new GitOpsRenderer.Options(charts, Optional.empty(), Optional.empty(), false))
                .render(tree, Map.of(), "preview-eu");

        assertThat(path(yaml(tree.resolve("platform/traefik/traefik.yaml")), "spec", "chart", "spec", "version"))
                .isEqualTo("39.0.0");
        assertThatThrownBy(() -> PlatformCharts.pinned().withVersions(Map.of("nginx", "1.0.0")))
                .hasMessageContaining("ghillie.preview.gitops.chartVersions: 'nginx' is not a platform chart");
        assertThatThrownBy(() -> PlatformCharts.pinned().withVersions(Map.of("traefik", "latest")))
                .hasMessageContaining("'latest' is not a chart version for traefik");
    }

    @Test
    void theReportIsJson() throws IOException {
        RenderReport report = renderPreview(tree, Map.of());
        Map<?, ?> json = new ObjectMapper().readValue(report.toJson(), Map.class);
        assertThat(json.get("created")).isEqualTo(report.created());
        assertThat(json.get("check")).isEqualTo(false);
        assertThat(report.counts())
                .startsWith("created " + report.created().size() + ", updated 0, unchanged 0, removed 0");
    }

    @Test
    void pathsThatCannotAllBeFilesAreRefusedBeforeAnyWrite() throws IOException {
        Map<String, String> before = contents(tree);
        String other = ZONE.replace("dns-zone", "other-zone");

        assertRefused(
                Map.of("modules/a.yaml", ZONE, "modules/a.yaml/b.yaml", other),
                "'modules/a.yaml' would be a file and the folder of");
        assertRefused(
                Map.of("platform/traefik/traefik.yaml/x.yaml", ZONE), "lies in a folder no Flux Kustomization applies");
        assertRefused(Map.of("modules/A.yaml", ZONE, "modules/a.yaml", other), "differ only in case");
        assertRefused(Map.of("modules/k/kustomization.yml", ZONE), "names a kustomization.yml");
        assertRefused(Map.of("clusters/preview-eu/sub/x.yaml", ZONE), "lies in a folder no Flux Kustomization applies");
        assertRefused(
                Map.of("modules/a/x.yaml", ZONE, "modules/b/y.yaml", ZONE),
                "both hold ConfigMap external-dns/dns-zone");
        String inDefault = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n  namespace: default\n";
        String noNamespace = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n";
        assertRefused(Map.of("modules/x.yaml", inDefault, "modules/y.yaml", noNamespace), "both hold ConfigMap same");
        assertThatThrownBy(() -> renderer(Optional.of(preview("kustomization")), Optional.empty(), false)
                        .render(tree, Map.of(), "preview-eu"))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("ghillie.preview.gitops.preview='kustomization'");

        assertThat(contents(tree)).isEqualTo(before);
    }

    @Test
    void whatStandsInTheWayInsideOwnedPathsIsClearedAndElsewhereRefused() throws IOException {
        write("platform/traefik", "a file where a folder belongs\n");
        Files.createDirectories(tree.resolve("platform/databases/cloudnative-pg.yaml/inner"));
        write("platform/databases/cloudnative-pg.yaml/inner/x.yaml", "x: 1\n");

        RenderReport report = renderPreview(tree, Map.of());

        assertThat(report.removed()).contains("platform/traefik", "platform/databases/cloudnative-pg.yaml");
        assertThat(report.removed()).doesNotContain("platform/databases/cloudnative-pg.yaml/inner/x.yaml");
        assertThat(Files.readString(tree.resolve("platform/traefik/traefik.yaml")))
                .contains("kind: HelmRelease");
        assertThat(Files.readString(tree.resolve("platform/databases/cloudnative-pg.yaml")))
                .contains("kind: HelmRelease");
        assertThat(renderPreview(tree, Map.of()).changed()).isEmpty();

        write("modules", "a file where the modules folder belongs\n");
        Map<String, String> before = contents(tree);
        assertThatThrownBy(() -> renderPreview(tree, moduleMap()))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining(
                        "ghillie.preview.gitops.dir: modules is a file where the tree needs a folder for modules/");
        assertThat(contents(tree)).isEqualTo(before);
    }

    @Test
    void aSymbolicLinkOnTheWayIsRefusedBeforeAnyWrite() throws IOException {
        Path other = Files.createDirectories(tree.resolve("clusters/other"));
        Files.createSymbolicLink(tree.resolve("clusters/preview-eu"), other);
        Map<String, String> before = contents(tree);

        assertThatThrownBy(() -> renderPreview(tree, Map.of()))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("clusters/preview-eu is a symbolic link");
        assertThat(contents(tree)).isEqualTo(before);
        assertThat(tree.resolve("platform")).doesNotExist();
    }

    @Test
    void filesAreReadableByOthersAndKeepTheirModeWhenRewritten() throws IOException {
        renderPreview(tree, Map.of());
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(tree.resolve("platform/traefik/traefik.yaml"))))
                .isEqualTo("rw-r--r--");
        Files.setPosixFilePermissions(
                tree.resolve("platform/traefik/traefik.yaml"), PosixFilePermissions.fromString("rw-rw-r--"));
        write("platform/traefik/traefik.yaml", "edited\n");
        Files.setPosixFilePermissions(
                tree.resolve("platform/traefik/traefik.yaml"), PosixFilePermissions.fromString("rw-rw-r--"));

        renderPreview(tree, Map.of());

        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(tree.resolve("platform/traefik/traefik.yaml"))))
                .isEqualTo("rw-rw-r--");
    }

    @Test
    void stringsThatLookLikeNumbersStayStrings() throws IOException {
        for (String cluster : List.of("1e3", "0x1f", "0o17", "123")) {
            Path root = Files.createDirectory(tree.resolve("c-" + cluster));
            renderer(Optional.empty(), Optional.empty(), false).render(root, Map.of(), cluster);
            Object owner =
                    path(yaml(root.resolve("platform/external-dns/external-dns.yaml")), "spec", "values", "txtOwnerId");
            assertThat(owner).as(cluster).isEqualTo(cluster);
            assertThat(Files.readString(root.resolve("platform/external-dns/external-dns.yaml")))
                    .contains("txtOwnerId: \"" + cluster + "\"");
        }
    }

    @Test
    void aLoneCarriageReturnBecomesALineFeed() throws IOException {
        renderPreview(tree, Map.of("modules/dns/zone.yaml", ZONE.replace("\n", "\r")));
        assertThat(Files.readString(tree.resolve("modules/dns/zone.yaml"))).isEqualTo(ZONE);
    }

    @Test
    void aKustomizationFileOfAnotherNameBesideTheGeneratedOneIsRefused() throws IOException {
        write("modules/dns/kustomization.yml", "resources: []\n");
        Map<String, String> before = contents(tree);
        assertThatThrownBy(() -> renderPreview(tree, moduleMap()))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining(
                        "modules/dns/kustomization.yml is a kustomization file beside the kustomization.yaml");
        assertThat(contents(tree)).isEqualTo(before);
    }

    @Test
    void theReportNotesAMissingBootstrapAndThePreviewsFolderWaitsForNothing() throws IOException {
        assertThat(renderPreview(tree, Map.of()).notes())
                .singleElement()
                .asString()
                .startsWith("clusters/preview-eu/flux-system/ does not exist: bootstrap Flux into this path");
        write("clusters/preview-eu/flux-system/kustomization.yaml", "resources: []\n");
        assertThat(renderPreview(tree, Map.of()).notes()).isEmpty();
        Map<String, Object> previews = yaml(tree.resolve("clusters/preview-eu/previews.yaml"));
        assertThat(path(previews, "spec", "dependsOn")).isNull();
        assertThat(path(previews, "spec", "wait")).isEqualTo(false);
    }

    private void assertRefused(Map<String, String> map, String expected) {
        assertThatThrownBy(() -> renderPreview(tree, map))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private void write(String path, String text) throws IOException {
        Files.createDirectories(tree.resolve(path).getParent());
        Files.writeString(tree.resolve(path), text);
    }

    private List<Path> filesNamed(String name) throws IOException {
        return allFiles(tree).stream()
                .filter(file -> file.getFileName().toString().equals(name))
                .toList();
    }

    private static List<Path> allFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        for (Path file : allFiles(root)) {
            contents.put(root.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
        return contents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) throws IOException {
        return new YAMLMapper().readValue(file.toFile(), Map.class);
    }

    static Object path(Map<String, Object> document, String... keys) {
        Object node = document;
        for (String key : keys) {
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }
}
