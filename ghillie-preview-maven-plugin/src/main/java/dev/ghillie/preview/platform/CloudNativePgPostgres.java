package dev.ghillie.preview.platform;

import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.ReleaseConverger;
import dev.ghillie.preview.kube.ReadinessCheck;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * PostgreSQL through the CloudNativePG operator, as the cloud previews get it: the operator chart in
 * {@code cnpg-system}, a one-instance {@code Cluster} with database and owner {@code ghillie}, and
 * {@code DATABASE_URL} read from the {@code <cluster>-app} Secret's {@code uri} key.
 */
public final class CloudNativePgPostgres extends OperatorBackedService {

    public static final String OPERATOR_NAMESPACE = "cnpg-system";
    public static final String OPERATOR_RELEASE = "cnpg";
    public static final String API_VERSION = "postgresql.cnpg.io/v1";
    /** Named explicitly: no discovery round trip, and a clear 404 when the operator's CRD is missing. */
    static final ResourceDefinitionContext TYPE = new ResourceDefinitionContext.Builder()
            .withGroup("postgresql.cnpg.io")
            .withVersion("v1")
            .withKind("Cluster")
            .withPlural("clusters")
            .withNamespaced(true)
            .build();

    public static final String CLUSTER_NAME = "pg-ghillie";
    /** The database and its owner, a login role of the same name. */
    public static final String DATABASE = "ghillie";
    /** The read-write Service the operator makes for the cluster. */
    public static final String SERVICE = CLUSTER_NAME + "-rw";

    public static final int PORT = 5432;

    /** CloudNativePG writes the whole URI (password URL-encoded) in the form the runtime reads. */
    static final Spec SPEC = new Spec(
            "postgresql",
            OPERATOR_RELEASE,
            OPERATOR_NAMESPACE,
            TYPE,
            Prerequisite.NONE,
            CloudNativePgPostgres::cluster,
            clusterReady(),
            CLUSTER_NAME + "-app",
            "uri",
            (namespace, uri) -> uri);

    public CloudNativePgPostgres(
            ReleaseConverger releases,
            PlatformWaits waits,
            Function<Path, KubernetesClient> clients,
            ChartSource chart,
            Duration timeout) {
        super(SPEC, releases, waits, clients, chart, timeout);
    }

    /** Condition {@code Ready=True}, or the phase the operator names {@code Cluster in healthy state}. */
    static ReadinessCheck clusterReady() {
        return new ReadinessCheck(
                "condition Ready=True or phase 'Cluster in healthy state'",
                ReadinessCheck.conditionTrue("Ready")
                        .predicate()
                        .or(r -> "Cluster in healthy state"
                                .equals(ReadinessCheck.status(r).get("phase"))));
    }

    /** The Cluster as the contract's minimal example: one instance, database and owner ghillie. */
    static GenericKubernetesResource cluster(String namespace) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind("Cluster")
                .withNewMetadata()
                .withName(CLUSTER_NAME)
                .withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "ghillie-preview")
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", clusterSpec()))
                .build();
    }

    /** The Cluster's spec, shared with the GitOps previews (which add where the owner's password comes from). */
    public static Map<String, Object> clusterSpec() {
        return Map.of(
                "instances", 1,
                "storage", Map.of("size", "1Gi"),
                "bootstrap", Map.of("initdb", Map.of("database", DATABASE, "owner", DATABASE)));
    }
}
