package dev.ghillie.preview.platform;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.SecretValue;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.ReleaseConverger;
import dev.ghillie.preview.kube.ReadinessCheck;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/**
 * PostgreSQL through the CloudNativePG operator, as the cloud previews get it: the operator chart in
 * {@code cnpg-system}, a one-instance {@code Cluster} with database and owner {@code ghillie}, and
 * {@code DATABASE_URL} read from the {@code <cluster>-app} Secret's {@code uri} key.
 */
public final class CloudNativePgPostgres implements PlatformService {

    static final String OPERATOR_NAMESPACE = "cnpg-system";
    static final String OPERATOR_RELEASE = "cnpg";
    static final String API_VERSION = "postgresql.cnpg.io/v1";
    /** Named explicitly: no discovery round trip, and a clear 404 when the operator's CRD is missing. */
    static final ResourceDefinitionContext TYPE = new ResourceDefinitionContext.Builder()
            .withGroup("postgresql.cnpg.io").withVersion("v1").withKind("Cluster").withPlural("clusters").withNamespaced(true).build();
    static final String CLUSTER_NAME = "pg-ghillie";

    private final OperatorInstall operator;
    private final PlatformWaits waits;
    /** Gives the client for a kubeconfig; the caller owns and closes it. */
    private final Function<Path, KubernetesClient> clients;
    private final ChartSource chart;
    private final Duration timeout;

    public CloudNativePgPostgres(ReleaseConverger releases, PlatformWaits waits, Function<Path, KubernetesClient> clients,
            ChartSource chart, Duration timeout) {
        this.operator = new OperatorInstall(releases, waits);
        this.waits = waits;
        this.clients = clients;
        this.chart = chart;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String urlVariable() {
        return "DATABASE_URL";
    }

    @Override
    public Result ensure(Path kubeconfig, String namespace) {
        ReleaseConverger.Result installed = operator.ensure(kubeconfig, OPERATOR_RELEASE, OPERATOR_NAMESPACE, chart, timeout);
        KubernetesClient client = clients.apply(kubeconfig);
        NamespaceEnsurer.ensure(client, namespace);
        client.genericKubernetesResources(TYPE).inNamespace(namespace).resource(cluster(namespace))
                .createOr(NonDeletingOperation::update);
        waits.resourceReady(TYPE, namespace, CLUSTER_NAME, ReadinessCheck.cnpgCluster(), timeout);
        Secret app = client.secrets().inNamespace(namespace).withName(CLUSTER_NAME + "-app").get();
        String uri = app == null || app.getData() == null ? null : app.getData().get("uri");
        if (uri == null) {
            throw new PreviewException("CloudNativePG reported Cluster " + namespace + "/" + CLUSTER_NAME
                    + " ready but its Secret " + CLUSTER_NAME + "-app has no 'uri' key: check the operator's version ("
                    + chart.describe() + ")");
        }
        return new Result(SecretValue.of(new String(Base64.getDecoder().decode(uri), StandardCharsets.UTF_8)),
                "operator " + installed.summary() + ", Cluster " + CLUSTER_NAME + " ready");
    }

    /** The Cluster as the contract's minimal example: one instance, database and owner ghillie. */
    static GenericKubernetesResource cluster(String namespace) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind("Cluster")
                .withNewMetadata().withName(CLUSTER_NAME).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "ghillie-preview").endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of(
                        "instances", 1,
                        "storage", Map.of("size", "1Gi"),
                        "bootstrap", Map.of("initdb", Map.of("database", "ghillie", "owner", "ghillie")))))
                .build();
    }
}
