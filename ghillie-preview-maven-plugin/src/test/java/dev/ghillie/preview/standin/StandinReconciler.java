package dev.ghillie.preview.standin;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

/**
 * What one stand-in operator does: for one custom resource, make what the real operator makes and report its status.
 * The lookup of the resource, the objects it owns and the data server's pod are the same for every stand-in; what it
 * makes and which status it writes is each one's own.
 */
abstract class StandinReconciler {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    protected final KubernetesClient client;
    protected final String image;
    private final ResourceDefinitionContext type;
    private final String instanceLabel;
    private final SecureRandom random = new SecureRandom();

    StandinReconciler(KubernetesClient client, String image, ResourceDefinitionContext type, String instanceLabel) {
        this.client = client;
        this.image = image;
        this.type = type;
        this.instanceLabel = instanceLabel;
    }

    /** The custom resource type this operator serves. */
    final ResourceDefinitionContext type() {
        return type;
    }

    /** The label the operator puts on the pods it makes, whose value is the resource's name (a pod change re-reconciles it). */
    final String instanceLabel() {
        return instanceLabel;
    }

    /**
     * Brings what exists in line with the resource: creates what is missing (never replaces what exists: the data's password
     * stays), then writes the status. A resource that is gone or going needs nothing: its objects carry owner references, so
     * the garbage collector removes them.
     */
    final void reconcile(String namespace, String name) {
        GenericKubernetesResource resource = client.genericKubernetesResources(type)
                .inNamespace(namespace)
                .withName(name)
                .get();
        if (resource != null && resource.getMetadata().getDeletionTimestamp() == null) {
            reconcile(new OwnedObjects(client, type, resource), resource);
        }
    }

    /** Makes what is missing for the resource and writes its status. */
    abstract void reconcile(OwnedObjects owned, GenericKubernetesResource resource);

    /** Letters and digits: nothing to encode in a URI (both operators' generated passwords are URL-safe too). */
    final String password(int length) {
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /** The ready pods the operator made for the resource. */
    final long readyPods(OwnedObjects owned) {
        return owned.pods(instanceLabel).stream().filter(OwnedObjects::ready).count();
    }

    /**
     * The data server's pod as both operators run it: non-root as {@code uid}, no privilege to escalate to, the data in an
     * emptyDir at {@code dataPath} (no storage provisioner on the end-to-end cluster), one named port, quick to stop.
     */
    static PodSpec serverPod(
            long uid,
            String container,
            String image,
            String portName,
            int port,
            Probe readiness,
            String dataPath,
            List<EnvVar> env) {
        return new PodSpecBuilder()
                .withTerminationGracePeriodSeconds(5L)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(uid)
                .withRunAsGroup(uid)
                .withFsGroup(uid)
                .endSecurityContext()
                .addNewContainer()
                .withName(container)
                .withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .withEnv(env)
                .addNewPort()
                .withName(portName)
                .withContainerPort(port)
                .withProtocol("TCP")
                .endPort()
                .withReadinessProbe(readiness)
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount()
                .withName("data")
                .withMountPath(dataPath)
                .endVolumeMount()
                .endContainer()
                .addNewVolume()
                .withName("data")
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .build();
    }

    /** The conditions the status holds now, so that an unchanged condition keeps its transition time. */
    static List<?> previousConditions(OwnedObjects owned) {
        return map(owned.status()).get("conditions") instanceof List<?> list ? list : List.of();
    }

    /** A field of an unstructured resource as a map; empty when absent or not a map. */
    static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }
}
