package dev.ghillie.preview.standin;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
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
final class HyperspikeStandin implements StandinReconciler {

    static final ResourceDefinitionContext TYPE = new ResourceDefinitionContext.Builder()
            .withGroup("hyperspike.io").withVersion("v1").withKind("Valkey").withPlural("valkeys").withNamespaced(true).build();
    /** The label of what the stand-in makes for a Valkey (hyperspike labels its objects app.kubernetes.io/instance=<name>). */
    static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    static final int PORT = 6379;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final KubernetesClient client;
    private final String image;
    private final SecureRandom random = new SecureRandom();

    HyperspikeStandin(KubernetesClient client, String image) {
        this.client = client;
        this.image = image;
    }

    @Override
    public ResourceDefinitionContext type() {
        return TYPE;
    }

    @Override
    public String instanceLabel() {
        return INSTANCE_LABEL;
    }

    @Override
    public void reconcile(String namespace, String name) {
        GenericKubernetesResource valkey = client.genericKubernetesResources(TYPE).inNamespace(namespace).withName(name).get();
        if (valkey == null || valkey.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        OwnedObjects owned = new OwnedObjects(client, TYPE, valkey);
        boolean anonymous = Boolean.TRUE.equals(CnpgStandin.map(valkey.get("spec")).get("anonymousAuth"));
        if (!anonymous) {
            owned.createIfAbsent(new SecretBuilder().withNewMetadata().withName(name).withLabels(labels(name)).endMetadata()
                    .addToData("password", Base64.getEncoder().encodeToString(password().getBytes(StandardCharsets.UTF_8))).build());
        }
        owned.createIfAbsent(new ServiceBuilder().withNewMetadata().withName(name).withLabels(labels(name)).endMetadata()
                .withNewSpec().withSelector(labels(name))
                .addNewPort().withName("tcp-valkey").withPort(PORT).withNewTargetPort(PORT).withProtocol("TCP").endPort().endSpec().build());
        owned.createIfAbsent(new ServiceBuilder().withNewMetadata().withName(name + "-headless").withLabels(labels(name)).endMetadata()
                .withNewSpec().withClusterIP("None").withPublishNotReadyAddresses(true).withSelector(labels(name))
                .addNewPort().withName("tcp-valkey").withPort(PORT).withNewTargetPort(PORT).withProtocol("TCP").endPort().endSpec().build());
        DeploymentBuilder server = new DeploymentBuilder().withNewMetadata().withName(name).withLabels(labels(name)).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels(name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels(name)).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(5L)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1000L).withRunAsGroup(1000L).withFsGroup(1000L)
                .endSecurityContext()
                .addNewContainer().withName("valkey").withImage(image).withImagePullPolicy("IfNotPresent")
                .addNewPort().withName("tcp-valkey").withContainerPort(PORT).withProtocol("TCP").endPort()
                .withNewReadinessProbe().withNewTcpSocket().withNewPort(PORT).endTcpSocket().withPeriodSeconds(2).endReadinessProbe()
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().endTemplate().endSpec();
        if (!anonymous) {
            server.editSpec().editTemplate().editSpec().editFirstContainer().addNewEnv().withName("VALKEY_PASSWORD").withNewValueFrom()
                    .withNewSecretKeyRef("password", name, false).endValueFrom().endEnv().endContainer().endSpec().endTemplate().endSpec();
        }
        owned.createIfAbsent(server.build());
        boolean ready = owned.pods(INSTANCE_LABEL).stream().anyMatch(OwnedObjects::ready);
        StatusCondition condition = ready ? new StatusCondition("Ready", true, "ValkeyReady", "Valkey is ready")
                : new StatusCondition("Ready", false, "ValkeyNotReady", "Waiting for the Valkey pod");
        List<?> previous = CnpgStandin.map(owned.status()).get("conditions") instanceof List<?> list ? list : List.of();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("ready", ready);
        status.put("conditions", List.of(condition.toMap(previous, valkey.getMetadata().getGeneration())));
        owned.writeStatus(status);
    }

    private static Map<String, String> labels(String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "valkey");
        labels.put(INSTANCE_LABEL, name);
        return labels;
    }

    /** 16 characters, as the operator generates them (letters and digits here: nothing to encode). */
    private String password() {
        StringBuilder password = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
