package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.Optional;

/**
 * The local registry a cluster advertises (KEP-1755: ConfigMap {@code kube-public/local-registry-hosting},
 * key {@code localRegistryHosting.v1}). k3d writes it when a cluster is created with a registry; kind and
 * ctlptl users write it themselves.
 *
 * @param host                     where tools outside the cluster push, e.g. {@code 127.0.0.1:5001}
 * @param hostFromContainerRuntime how image fields in pod specs name the registry, e.g. {@code k3d-ghillie-registry:5000}
 */
public record LocalRegistryHosting(String host, String hostFromContainerRuntime) {

    static final String NAMESPACE = "kube-public";
    static final String NAME = "local-registry-hosting";
    static final String KEY = "localRegistryHosting.v1";

    /** What the cluster advertises; empty when it advertises no registry. */
    public static Optional<LocalRegistryHosting> read(KubernetesClient client) {
        ConfigMap map;
        try {
            map = client.configMaps().inNamespace(NAMESPACE).withName(NAME).get();
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("read ConfigMap " + NAMESPACE + "/" + NAME, e);
        }
        String yaml =
                map == null || map.getData() == null ? null : map.getData().get(KEY);
        if (yaml == null || yaml.isBlank()) {
            return Optional.empty();
        }
        Map<?, ?> fields;
        try {
            fields = Serialization.unmarshal(yaml, Map.class);
        } catch (RuntimeException e) {
            throw new KubeException(
                    "ConfigMap " + NAMESPACE + "/" + NAME + " holds no readable " + KEY + " (" + e.getMessage()
                            + "): fix or delete it; k3d writes it when a cluster is created with --registry-use");
        }
        String host = text(fields, "host");
        if (host == null) {
            return Optional.empty();
        }
        // KEP-1755: without hostFromContainerRuntime, the runtime reaches the registry as the host does.
        String fromRuntime = text(fields, "hostFromContainerRuntime");
        return Optional.of(new LocalRegistryHosting(host, fromRuntime == null ? host : fromRuntime));
    }

    /** The port in {@link #host()}, or -1 when it names none. */
    public int hostPort() {
        int colon = host.lastIndexOf(':');
        try {
            return colon < 0 ? -1 : Integer.parseInt(host.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String text(Map<?, ?> fields, String key) {
        Object value = fields == null ? null : fields.get(key);
        return value == null || value.toString().isBlank()
                ? null
                : value.toString().strip();
    }
}
