package dev.ghillie.preview.lifecycle;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which images {@code up} imported into this cluster, kept in a ConfigMap in {@code kube-system}
 * that dies with the cluster. Needed because a node reports new images in its status only after
 * its next status update, so a quick re-run would import again. Holds image names, nothing secret.
 */
final class ImportedImages {

    static final String NAMESPACE = "kube-system";
    static final String NAME = "ghillie-preview-imported-images";

    private ImportedImages() {
    }

    static boolean has(KubernetesClient client, String reference) {
        ConfigMap map = client.configMaps().inNamespace(NAMESPACE).withName(NAME).get();
        return map != null && map.getData() != null && reference.equals(map.getData().get(key(reference)));
    }

    static void record(KubernetesClient client, String reference) {
        ConfigMap existing = client.configMaps().inNamespace(NAMESPACE).withName(NAME).get();
        ConfigMapBuilder map = existing == null
                ? new ConfigMapBuilder().withNewMetadata().withName(NAME).withNamespace(NAMESPACE)
                        .addToLabels("app.kubernetes.io/managed-by", "ghillie-preview").endMetadata()
                : new ConfigMapBuilder(existing);
        client.configMaps().inNamespace(NAMESPACE).resource(map.addToData(key(reference), reference).build())
                .createOr(NonDeletingOperation::update);
    }

    /** ConfigMap keys allow only [-._a-zA-Z0-9]: a digest of the reference fits and cannot collide in practice. */
    private static String key(String reference) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(reference.getBytes(StandardCharsets.UTF_8));
            return "image-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
