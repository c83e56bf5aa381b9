package dev.ghillie.preview.standin;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for hyperspike's valkey-operator (shared/reference/external-contracts.md, "Valkey", and valkey-io-operator.md's
 * comparison): for a {@code hyperspike.io/v1 Valkey} the Secret {@code <name>} with key {@code password} (16 random
 * characters) unless {@code anonymousAuth}, the Service {@code <name>} on 6379 ({@code tcp-valkey}) and
 * {@code <name>-headless}, one Valkey server, and {@code status.ready} once it is ready. Standalone, not cluster mode.
 */
final class HyperspikeStandin extends StandinReconciler {

    static final ResourceDefinitionContext TYPE = new ResourceDefinitionContext.Builder()
            .withGroup("hyperspike.io")
            .withVersion("v1")
            .withKind("Valkey")
            .withPlural("valkeys")
            .withNamespaced(true)
            .build();
    /** The label of what the stand-in makes for a Valkey (hyperspike labels its objects app.kubernetes.io/instance=<name>). */
    static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

    static final int PORT = 6379;
    /** The uid of the stand-in Valkey image's user. */
    private static final long VALKEY_UID = 1000;

    HyperspikeStandin(KubernetesClient client, String image) {
        super(client, image, TYPE, INSTANCE_LABEL);
    }

    @Override
    void reconcile(OwnedObjects owned, GenericKubernetesResource valkey) {
        String name = owned.name();
        boolean anonymous = Boolean.TRUE.equals(map(valkey.get("spec")).get("anonymousAuth"));
        if (!anonymous) { // 16 random characters, as the operator generates them
            owned.createIfAbsent(new SecretBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withLabels(labels(name))
                    .endMetadata()
                    .addToData(
                            "password",
                            Base64.getEncoder().encodeToString(password(16).getBytes(StandardCharsets.UTF_8)))
                    .build());
        }
        owned.createIfAbsent(new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels(name))
                .endMetadata()
                .withNewSpec()
                .withSelector(labels(name))
                .addNewPort()
                .withName("tcp-valkey")
                .withPort(PORT)
                .withNewTargetPort(PORT)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build());
        owned.createIfAbsent(new ServiceBuilder()
                .withNewMetadata()
                .withName(name + "-headless")
                .withLabels(labels(name))
                .endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(labels(name))
                .addNewPort()
                .withName("tcp-valkey")
                .withPort(PORT)
                .withNewTargetPort(PORT)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build());
        List<EnvVar> env = anonymous
                ? List.of()
                : List.of(new EnvVarBuilder()
                        .withName("VALKEY_PASSWORD")
                        .withNewValueFrom()
                        .withNewSecretKeyRef("password", name, false)
                        .endValueFrom()
                        .build());
        owned.createIfAbsent(new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels(name))
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .withMatchLabels(labels(name))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels(name))
                .endMetadata()
                .withSpec(serverPod(
                        VALKEY_UID,
                        "valkey",
                        image,
                        "tcp-valkey",
                        PORT,
                        new ProbeBuilder()
                                .withNewTcpSocket()
                                .withNewPort(PORT)
                                .endTcpSocket()
                                .withPeriodSeconds(2)
                                .build(),
                        "/data",
                        env))
                .endTemplate()
                .endSpec()
                .build());
        boolean ready = readyPods(owned) > 0;
        StatusCondition condition = ready
                ? new StatusCondition("Ready", true, "ValkeyReady", "Valkey is ready")
                : new StatusCondition("Ready", false, "ValkeyNotReady", "Waiting for the Valkey pod");
        List<?> previous = previousConditions(owned);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("ready", ready);
        status.put(
                "conditions",
                List.of(condition.toMap(previous, valkey.getMetadata().getGeneration())));
        owned.writeStatus(status);
    }

    private static Map<String, String> labels(String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "valkey");
        labels.put(INSTANCE_LABEL, name);
        return labels;
    }
}
