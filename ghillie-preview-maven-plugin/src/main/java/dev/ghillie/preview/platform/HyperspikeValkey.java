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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/**
 * Valkey through the hyperspike valkey-operator ({@code hyperspike.io/v1}, kind {@code Valkey}): the
 * operator chart in {@code valkey-operator-system}, a one-node {@code Valkey}, and {@code VALKEY_URL}
 * formed from the Secret {@code <name>} (key {@code password}) and the Service {@code <name>} on 6379.
 */
public final class HyperspikeValkey implements PlatformService {

    static final String OPERATOR_NAMESPACE = "valkey-operator-system";
    static final String OPERATOR_RELEASE = "valkey-operator";
    static final String API_VERSION = "hyperspike.io/v1";
    /** Named explicitly: no discovery round trip, and a clear 404 when the operator's CRD is missing. */
    static final ResourceDefinitionContext TYPE = new ResourceDefinitionContext.Builder()
            .withGroup("hyperspike.io").withVersion("v1").withKind("Valkey").withPlural("valkeys").withNamespaced(true).build();
    static final String NAME = "valkey-ghillie";
    static final int PORT = 6379;

    private final OperatorInstall operator;
    private final PlatformWaits waits;
    /** Gives the client for a kubeconfig; the caller owns and closes it. */
    private final Function<Path, KubernetesClient> clients;
    private final ChartSource chart;
    private final Duration timeout;

    public HyperspikeValkey(ReleaseConverger releases, PlatformWaits waits, Function<Path, KubernetesClient> clients,
            ChartSource chart, Duration timeout) {
        this.operator = new OperatorInstall(releases, waits);
        this.waits = waits;
        this.clients = clients;
        this.chart = chart;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "valkey";
    }

    @Override
    public String urlVariable() {
        return "VALKEY_URL";
    }

    @Override
    public Result ensure(Path kubeconfig, String namespace) {
        ReleaseConverger.Result installed = operator.ensure(kubeconfig, OPERATOR_RELEASE, OPERATOR_NAMESPACE, chart, timeout);
        KubernetesClient client = clients.apply(kubeconfig);
        NamespaceEnsurer.ensure(client, namespace);
        client.genericKubernetesResources(TYPE).inNamespace(namespace).resource(valkey(namespace))
                .createOr(NonDeletingOperation::update);
        waits.resourceReady(TYPE, namespace, NAME, ReadinessCheck.valkey(), timeout);
        Secret secret = client.secrets().inNamespace(namespace).withName(NAME).get();
        String password = secret == null || secret.getData() == null ? null : secret.getData().get("password");
        if (password == null) {
            throw new PreviewException("the Valkey operator reported " + namespace + "/" + NAME + " ready but its Secret "
                    + NAME + " has no 'password' key: check the operator's version (" + chart.describe() + ")");
        }
        String decoded = new String(Base64.getDecoder().decode(password), StandardCharsets.UTF_8);
        return new Result(SecretValue.of(url(namespace, decoded)), "operator " + installed.summary() + ", Valkey " + NAME + " ready");
    }

    /** The Service's in-cluster name, as CloudNativePG's uri uses {@code <service>.<namespace>}. */
    static String url(String namespace, String password) {
        return "redis://:" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@" + NAME + "." + namespace + ":" + PORT;
    }

    static GenericKubernetesResource valkey(String namespace) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind("Valkey")
                .withNewMetadata().withName(NAME).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "ghillie-preview").endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("nodes", 1, "replicas", 0, "volumePermissions", true)))
                .build();
    }
}
