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
 * Valkey through the hyperspike valkey-operator ({@code hyperspike.io/v1}, kind {@code Valkey}): the
 * operator chart in {@code valkey-operator-system}, a one-node {@code Valkey}, and {@code VALKEY_URL}
 * formed from the Secret {@code <name>} (key {@code password}) and the Service {@code <name>} on 6379.
 */
public final class HyperspikeValkey extends OperatorBackedService {

    static final String OPERATOR_NAMESPACE = "valkey-operator-system";
    static final String OPERATOR_RELEASE = "valkey-operator";
    static final String API_VERSION = "hyperspike.io/v1";
    /** Named explicitly: no discovery round trip, and a clear 404 when the operator's CRD is missing. */
    static final ResourceDefinitionContext TYPE = new ResourceDefinitionContext.Builder()
            .withGroup("hyperspike.io")
            .withVersion("v1")
            .withKind("Valkey")
            .withPlural("valkeys")
            .withNamespaced(true)
            .build();

    static final String NAME = "valkey-ghillie";
    static final int PORT = 6379;

    /**
     * The URL names the Service in-cluster as CloudNativePG's uri does ({@code <service>.<namespace>}).
     * The contract file marks this derivation UNVERIFIED: no real operator was run here.
     */
    static final Spec SPEC = new Spec(
            "valkey",
            OPERATOR_RELEASE,
            OPERATOR_NAMESPACE,
            TYPE,
            Prerequisite.NONE,
            HyperspikeValkey::valkey,
            valkeyReady(),
            NAME,
            "password",
            HyperspikeValkey::url);

    public HyperspikeValkey(
            ReleaseConverger releases,
            PlatformWaits waits,
            Function<Path, KubernetesClient> clients,
            ChartSource chart,
            Duration timeout) {
        super(SPEC, releases, waits, clients, chart, timeout);
    }

    /** {@code status.ready == true}: the operator writes a boolean, older releases a string. */
    static ReadinessCheck valkeyReady() {
        return new ReadinessCheck("status.ready=true", r -> {
            Object ready = ReadinessCheck.status(r).get("ready");
            return Boolean.TRUE.equals(ready) || "true".equals(ready);
        });
    }

    static String url(String namespace, String password) {
        return ValkeyUrl.of(NAME, namespace, PORT, password);
    }

    static GenericKubernetesResource valkey(String namespace) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind("Valkey")
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "ghillie-preview")
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("nodes", 1, "replicas", 0, "volumePermissions", true)))
                .build();
    }
}
