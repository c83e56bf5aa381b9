package dev.ghillie.preview.gitops;

import static dev.ghillie.preview.gitops.FluxObjects.helmRelease;
import static dev.ghillie.preview.gitops.FluxObjects.kustomization;
import static dev.ghillie.preview.gitops.FluxObjects.namespace;
import static dev.ghillie.preview.gitops.FluxObjects.object;

import dev.ghillie.preview.platform.CloudNativePgPostgres;
import dev.ghillie.preview.platform.ValkeyIoValkey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code platform/} and {@code clusters/<cluster>/} hold: one folder per platform part, each
 * applied by a Flux Kustomization of its own so that Flux installs them in dependency order (the
 * ClusterIssuer and the ClusterSecretStore need their operators' CRDs, so they live one folder
 * deeper and wait for them).
 */
final class PlatformTree {

    static final String ISSUER = "letsencrypt";
    static final String SECRET_STORE = "vault";
    static final String INGRESS_CLASS = "traefik";
    /** The KV v2 engine ExternalSecrets read, and the role the operator logs in with (Vault's Kubernetes auth). */
    static final String VAULT_KV_MOUNT = "secret";

    static final String VAULT_ROLE = "external-secrets";

    /** A platform folder, the Flux Kustomization that applies it, and what that waits for. */
    record Part(String directory, String kustomization, List<String> dependsOn) {}

    static final Part SOURCES = new Part("platform/sources", "platform-sources", List.of());
    static final Part TRAEFIK = new Part("platform/traefik", "platform-traefik", List.of("platform-sources"));
    static final Part CERT_MANAGER =
            new Part("platform/cert-manager", "platform-cert-manager", List.of("platform-sources"));
    static final Part ISSUERS =
            new Part("platform/cert-manager/issuer", "platform-cert-manager-issuer", List.of("platform-cert-manager"));
    static final Part EXTERNAL_DNS =
            new Part("platform/external-dns", "platform-external-dns", List.of("platform-sources"));
    static final Part VAULT = new Part("platform/vault", "platform-vault", List.of("platform-sources"));
    static final Part SECRET_STORES =
            new Part("platform/vault/store", "platform-vault-store", List.of("platform-vault"));
    static final Part DATABASES = new Part("platform/databases", "platform-databases", List.of("platform-sources"));
    static final Part REDIS = new Part("platform/redis", "platform-redis", List.of("platform-sources"));
    static final List<Part> PARTS =
            List.of(SOURCES, TRAEFIK, CERT_MANAGER, ISSUERS, EXTERNAL_DNS, VAULT, SECRET_STORES, DATABASES, REDIS);
    /** What a preview needs running before its own objects can work. */
    static final List<String> PREVIEW_NEEDS = List.of(
            TRAEFIK.kustomization,
            ISSUERS.kustomization,
            SECRET_STORES.kustomization,
            DATABASES.kustomization,
            REDIS.kustomization);

    private final PlatformCharts charts;

    PlatformTree(PlatformCharts charts) {
        this.charts = charts;
    }

    /** Path to documents, for {@code platform/}. */
    Map<String, List<Map<String, Object>>> platform(String cluster) {
        Map<String, List<Map<String, Object>>> files = new TreeMap<>();
        for (PinnedChart chart : charts.repositories()) {
            files.put(
                    SOURCES.directory + "/" + chart.repository() + ".yaml", List.of(FluxObjects.helmRepository(chart)));
        }

        files.put(TRAEFIK.directory + "/namespace.yaml", List.of(namespace("traefik")));
        files.put(
                TRAEFIK.directory + "/traefik.yaml",
                List.of(helmRelease(
                        "traefik",
                        "traefik",
                        charts.chart(PlatformCharts.TRAEFIK),
                        // Named: the chart would name the class after the release, and the issuer's solver names this
                        // one.
                        Map.of(
                                "ingressClass",
                                Map.of("enabled", true, "isDefaultClass", true, "name", INGRESS_CLASS)))));

        files.put(CERT_MANAGER.directory + "/namespace.yaml", List.of(namespace("cert-manager")));
        files.put(
                CERT_MANAGER.directory + "/cert-manager.yaml",
                List.of(helmRelease(
                        "cert-manager",
                        "cert-manager",
                        charts.chart(PlatformCharts.CERT_MANAGER),
                        Map.of("crds", Map.of("enabled", true)))));
        files.put(ISSUERS.directory + "/cluster-issuer.yaml", List.of(clusterIssuer()));

        files.put(EXTERNAL_DNS.directory + "/namespace.yaml", List.of(namespace("external-dns")));
        files.put(
                EXTERNAL_DNS.directory + "/external-dns.yaml",
                List.of(helmRelease(
                        "external-dns",
                        "external-dns",
                        charts.chart(PlatformCharts.EXTERNAL_DNS),
                        // The DNS provider and its credentials are the infrastructure module's: its rendered map
                        // replaces this file.
                        Map.of(
                                "sources",
                                List.of("ingress"),
                                "policy",
                                "sync",
                                "registry",
                                "txt",
                                "txtOwnerId",
                                cluster))));

        files.put(VAULT.directory + "/namespace.yaml", List.of(namespace("vault"), namespace("external-secrets")));
        files.put(
                VAULT.directory + "/vault.yaml",
                List.of(helmRelease(
                        "vault",
                        "vault",
                        charts.chart(PlatformCharts.VAULT),
                        Map.of(
                                "injector",
                                Map.of("enabled", false),
                                "server",
                                Map.of(
                                        "standalone",
                                        Map.of("enabled", true),
                                        // Ready while sealed or not initialised (vault-helm's documented probe path):
                                        // the modules initialise and
                                        // unseal it; with the default probe Helm's wait times out and Flux uninstalls
                                        // the release again and again.
                                        "readinessProbe",
                                        Map.of(
                                                "enabled",
                                                true,
                                                "path",
                                                "/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204"))))));
        files.put(
                VAULT.directory + "/external-secrets.yaml",
                List.of(helmRelease(
                        "external-secrets",
                        "external-secrets",
                        charts.chart(PlatformCharts.EXTERNAL_SECRETS),
                        Map.of("installCRDs", true))));
        files.put(SECRET_STORES.directory + "/cluster-secret-store.yaml", List.of(clusterSecretStore()));

        files.put(
                DATABASES.directory + "/namespace.yaml", List.of(namespace(CloudNativePgPostgres.OPERATOR_NAMESPACE)));
        files.put(
                DATABASES.directory + "/cloudnative-pg.yaml",
                List.of(helmRelease(
                        CloudNativePgPostgres.OPERATOR_RELEASE,
                        CloudNativePgPostgres.OPERATOR_NAMESPACE,
                        charts.chart(PlatformCharts.CLOUDNATIVE_PG),
                        Map.of())));

        files.put(REDIS.directory + "/namespace.yaml", List.of(namespace(ValkeyIoValkey.OPERATOR_NAMESPACE)));
        files.put(
                REDIS.directory + "/valkey-operator.yaml",
                List.of(helmRelease(
                        ValkeyIoValkey.OPERATOR_RELEASE,
                        ValkeyIoValkey.OPERATOR_NAMESPACE,
                        charts.chart(PlatformCharts.VALKEY_OPERATOR),
                        Map.of())));
        return files;
    }

    /** Path to documents, for {@code clusters/<cluster>/}: the Flux Kustomizations of the platform, the previews and the modules. */
    Map<String, List<Map<String, Object>>> cluster(String cluster, boolean modules) {
        Map<String, List<Map<String, Object>>> files = new TreeMap<>();
        List<Map<String, Object>> platform = new ArrayList<>();
        for (Part part : PARTS) {
            platform.add(kustomization(part.kustomization, part.directory, part.dependsOn));
        }
        String root = "clusters/" + cluster;
        files.put(root + "/platform.yaml", platform);
        // No dependsOn and no wait: Flux skips a Kustomization whose dependency is not ready, pruning included, so a
        // platform part that is down would keep closed previews running; each preview's entry waits for the platform
        // itself.
        files.put(
                root + "/previews.yaml",
                List.of(kustomization("previews", PreviewTree.previewsDirectory(cluster), List.of(), false)));
        if (modules) {
            files.put(root + "/modules.yaml", List.of(kustomization("modules", "modules", List.of())));
        }
        return files;
    }

    /** Let's Encrypt through HTTP-01 on the Traefik ingress class: what the previews' Ingresses name in their annotation. */
    private static Map<String, Object> clusterIssuer() {
        Map<String, Object> acme = new LinkedHashMap<>();
        acme.put("server", "https://acme-v02.api.letsencrypt.org/directory");
        acme.put("privateKeySecretRef", Map.of("name", ISSUER + "-account-key"));
        acme.put("solvers", List.of(Map.of("http01", Map.of("ingress", Map.of("ingressClassName", INGRESS_CLASS)))));
        return object("cert-manager.io/v1", "ClusterIssuer", ISSUER, null, Map.of("acme", acme));
    }

    /** The store every preview's ExternalSecrets read: Vault's KV v2 engine, logged in with the operator's service account. */
    private static Map<String, Object> clusterSecretStore() {
        Map<String, Object> vault = new LinkedHashMap<>();
        vault.put("server", "http://vault.vault.svc:8200");
        vault.put("path", VAULT_KV_MOUNT);
        vault.put("version", "v2");
        vault.put(
                "auth",
                Map.of(
                        "kubernetes",
                        Map.of(
                                "mountPath",
                                "kubernetes",
                                "role",
                                VAULT_ROLE,
                                "serviceAccountRef",
                                Map.of(
                                        "name",
                                        "external-secrets",
                                        "namespace",
                                        "external-secrets",
                                        // Vault 1.21 and later refuse a Kubernetes-auth role without an audience (ESO's
                                        // Vault provider docs).
                                        "audiences",
                                        List.of("vault")))));
        return object(
                "external-secrets.io/v1",
                "ClusterSecretStore",
                SECRET_STORE,
                null,
                Map.of("provider", Map.of("vault", vault)));
    }
}
