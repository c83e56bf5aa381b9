package dev.ghillie.preview.gitops;

import static dev.ghillie.preview.gitops.FluxObjects.object;

import dev.ghillie.preview.platform.CloudNativePgPostgres;
import dev.ghillie.preview.platform.ValkeyIoValkey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A preview's folder, {@code previews/<cluster>/<id>/}, and its entry {@code previews/<cluster>/<id>.yaml}
 * (the Flux Kustomization that applies the folder and prunes it when the entry goes). The preview gets
 * the same PostgreSQL {@code Cluster} and {@code ValkeyCluster} the local preview makes, their
 * passwords and the app's URLs from Vault through ExternalSecrets, and the app's HelmRelease of
 * {@code charts/ghillie} at the pull request's commit with the image pinned by digest.
 */
final class PreviewTree {

    static final String RELEASE = "ghillie";
    static final String CHART_PATH = "./charts/ghillie";
    static final String DATABASE_CREDENTIALS = CloudNativePgPostgres.CLUSTER_NAME + "-credentials";
    /** The Vault KV v2 properties of a preview's key: the pipeline writes them (docs/gitops.md). */
    static final String DATABASE_PASSWORD = "database_password";

    static final String VALKEY_PASSWORD = "valkey_password";
    static final String DATABASE_URL = "database_url";
    static final String VALKEY_URL = "valkey_url";

    private PreviewTree() {}

    static String previewsDirectory(String cluster) {
        return "previews/" + cluster;
    }

    static String directory(String cluster, String id) {
        return previewsDirectory(cluster) + "/" + id;
    }

    static String entry(String cluster, String id) {
        return previewsDirectory(cluster) + "/" + id + ".yaml";
    }

    /** Where the preview's secrets live in Vault's KV engine. */
    static String vaultKey(String cluster, String id) {
        return "previews/" + cluster + "/" + id;
    }

    /** Path to documents: the entry and the folder. */
    static Map<String, List<Map<String, Object>>> files(String cluster, PreviewSpec preview) {
        String folder = directory(cluster, preview.id());
        String namespace = preview.namespace();
        String vaultKey = vaultKey(cluster, preview.id());
        Map<String, List<Map<String, Object>>> files = new TreeMap<>();
        files.put(
                entry(cluster, preview.id()),
                List.of(FluxObjects.kustomization("preview-" + preview.id(), folder, PlatformTree.PREVIEW_NEEDS)));
        files.put(folder + "/namespace.yaml", List.of(FluxObjects.namespace(namespace)));
        files.put(folder + "/source.yaml", List.of(chartSource(preview, namespace)));
        files.put(
                folder + "/credentials.yaml",
                List.of(databaseCredentials(namespace, vaultKey), valkeyUsers(namespace, vaultKey)));
        files.put(folder + "/database.yaml", List.of(database(namespace)));
        files.put(
                folder + "/valkey.yaml",
                List.of(managed(object(
                        ValkeyIoValkey.API_VERSION,
                        "ValkeyCluster",
                        ValkeyIoValkey.NAME,
                        namespace,
                        new LinkedHashMap<>(ValkeyIoValkey.valkeyClusterSpec())))));
        files.put(folder + "/release.yaml", List.of(release(preview, namespace, vaultKey)));
        return files;
    }

    /** The application's repository at the preview's commit: the chart comes from there, as the image's code does. */
    private static Map<String, Object> chartSource(PreviewSpec preview, String namespace) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("interval", "1h");
        spec.put("url", preview.chartRepository());
        spec.put("ref", Map.of("commit", preview.chartRevision()));
        // Only the chart: a large repository's other files are neither fetched into the artifact nor watched.
        spec.put("ignore", "/*\n!/charts/ghillie/\n");
        return object("source.toolkit.fluxcd.io/v1", "GitRepository", RELEASE, namespace, spec);
    }

    /** CloudNativePG's initdb reads the owner's password from a basic-auth Secret, made here from Vault. */
    private static Map<String, Object> databaseCredentials(String namespace, String vaultKey) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("type", "kubernetes.io/basic-auth");
        template.put("data", Map.of("username", CloudNativePgPostgres.DATABASE, "password", "{{ .password }}"));
        return externalSecret(
                DATABASE_CREDENTIALS, namespace, template, List.of(remote("password", vaultKey, DATABASE_PASSWORD)));
    }

    /** The valkey-io operator reads each user's password from {@code <cluster>-users}, key = the user's name. */
    private static Map<String, Object> valkeyUsers(String namespace, String vaultKey) {
        return externalSecret(
                ValkeyIoValkey.USERS_SECRET,
                namespace,
                null,
                List.of(remote(ValkeyIoValkey.USER, vaultKey, VALKEY_PASSWORD)));
    }

    private static Map<String, Object> externalSecret(
            String name, String namespace, Map<String, Object> template, List<Map<String, Object>> data) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("name", name);
        target.put("creationPolicy", "Owner");
        if (template != null) {
            target.put("template", template);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("refreshInterval", "15m");
        spec.put("secretStoreRef", Map.of("name", PlatformTree.SECRET_STORE, "kind", "ClusterSecretStore"));
        spec.put("target", target);
        spec.put("data", data);
        return object("external-secrets.io/v1", "ExternalSecret", name, namespace, spec);
    }

    private static Map<String, Object> remote(String secretKey, String vaultKey, String property) {
        return Map.of("secretKey", secretKey, "remoteRef", Map.of("key", vaultKey, "property", property));
    }

    /** The local preview's Cluster, its owner's password from the Secret the ExternalSecret beside it makes. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> database(String namespace) {
        Map<String, Object> spec = new LinkedHashMap<>(CloudNativePgPostgres.clusterSpec());
        Map<String, Object> bootstrap = (Map<String, Object>) spec.get("bootstrap");
        Map<String, Object> initdb = new LinkedHashMap<>((Map<String, Object>) bootstrap.get("initdb"));
        initdb.put("secret", Map.of("name", DATABASE_CREDENTIALS));
        spec.put("bootstrap", Map.of("initdb", initdb));
        return managed(object(
                CloudNativePgPostgres.API_VERSION, "Cluster", CloudNativePgPostgres.CLUSTER_NAME, namespace, spec));
    }

    /** The label the local preview puts on what it makes. */
    private static Map<String, Object> managed(Map<String, Object> object) {
        FluxObjects.metadata(object).put("labels", Map.of("app.kubernetes.io/managed-by", FluxObjects.MANAGED_BY));
        return object;
    }

    private static Map<String, Object> release(PreviewSpec preview, String namespace, String vaultKey) {
        Map<String, Object> values = new LinkedHashMap<>(preview.conventions().chartValues());
        values.remove("secrets");
        values.put(
                "image",
                Map.of(
                        "repository",
                        preview.imageRepository(),
                        "digest",
                        preview.imageDigest(),
                        "pullPolicy",
                        "IfNotPresent"));

        Map<String, Object> ingress = new LinkedHashMap<>();
        ingress.put("enabled", true);
        ingress.put("className", PlatformTree.INGRESS_CLASS);
        ingress.put(
                "annotations",
                Map.of(
                        "cert-manager.io/cluster-issuer",
                        PlatformTree.ISSUER,
                        "external-dns.alpha.kubernetes.io/hostname",
                        preview.host()));
        ingress.put("hosts", List.of(preview.host()));
        ingress.put("tls", List.of(Map.of("secretName", RELEASE + "-tls", "hosts", List.of(preview.host()))));
        values.put("ingress", ingress);

        Map<String, Object> externalSecret = new LinkedHashMap<>();
        externalSecret.put("enabled", true);
        externalSecret.put("apiVersion", "external-secrets.io/v1");
        externalSecret.put("secretStoreRef", Map.of("name", PlatformTree.SECRET_STORE, "kind", "ClusterSecretStore"));
        externalSecret.put("refreshInterval", "15m");
        externalSecret.put(
                "data",
                List.of(
                        remote(preview.conventions().databaseUrlKey(), vaultKey, DATABASE_URL),
                        remote(preview.conventions().valkeyUrlKey(), vaultKey, VALKEY_URL)));
        values.put("secrets", Map.of("externalSecret", externalSecret));

        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("chart", CHART_PATH);
        chart.put("sourceRef", Map.of("kind", "GitRepository", "name", RELEASE));
        // A new commit is a new chart, even when the chart's version field stayed the same.
        chart.put("reconcileStrategy", "Revision");
        chart.put("interval", "1h");
        return FluxObjects.helmRelease(RELEASE, namespace, chart, values);
    }
}
