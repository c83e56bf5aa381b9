package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.Sha256;
import dev.ghillie.preview.image.DockerImageName;
import dev.ghillie.preview.kube.ApiFailure;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the cluster's nodes have an image already: every node lists it (under containerd's name for
 * it), or {@code up} imported it, as a ConfigMap in {@code kube-system} that dies with the cluster
 * records. The record is needed because a node reports new images in its status only after
 * its next status update, so a quick re-run would import again. Holds image names, nothing secret.
 */
final class ImportedImages {

    static final String NAMESPACE = "kube-system";
    static final String NAME = "ghillie-preview-imported-images";

    private ImportedImages() {}

    /** Imported by an earlier {@code up}, or listed by every node: either way there is nothing to import. */
    static boolean onTheNodes(KubernetesClient client, String reference) {
        return has(client, reference) || everyNodeLists(client, reference);
    }

    static boolean has(KubernetesClient client, String reference) {
        try {
            ConfigMap map =
                    client.configMaps().inNamespace(NAMESPACE).withName(NAME).get();
            return map != null
                    && map.getData() != null
                    && reference.equals(map.getData().get(key(reference)));
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("read ConfigMap " + NAMESPACE + "/" + NAME, e);
        }
    }

    static void record(KubernetesClient client, String reference) {
        try {
            write(client, reference);
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("record the imported image in ConfigMap " + NAMESPACE + "/" + NAME, e);
        }
    }

    private static void write(KubernetesClient client, String reference) {
        var map = client.configMaps().inNamespace(NAMESPACE).withName(NAME);
        if (map.get() != null) {
            // Not createOr(update) with the object just read: a real API server rejects a create that carries a
            // resourceVersion (500, "resourceVersion should not be set on objects to be created"); the mock server
            // does not, and answers 409 instead.
            map.edit(existing -> new ConfigMapBuilder(existing)
                    .addToData(key(reference), reference)
                    .build());
            return;
        }
        client.configMaps()
                .inNamespace(NAMESPACE)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(NAME)
                        .withNamespace(NAMESPACE)
                        .addToLabels("app.kubernetes.io/managed-by", "ghillie-preview")
                        .endMetadata()
                        .addToData(key(reference), reference)
                        .build())
                .createOr(NonDeletingOperation::update);
    }

    /** ConfigMap keys allow only [-._a-zA-Z0-9]: a digest of the reference fits and cannot collide in practice. */
    private static String key(String reference) {
        byte[] digest = Sha256.newDigest().digest(reference.getBytes(StandardCharsets.UTF_8));
        return "image-" + HexFormat.of().formatHex(digest, 0, 16);
    }

    /** Whether every node lists the image, under its name or containerd's. */
    private static boolean everyNodeLists(KubernetesClient client, String reference) {
        List<Node> nodes = client.nodes().list().getItems();
        String wanted = normalise(reference);
        return !nodes.isEmpty()
                && nodes.stream()
                        .allMatch(node -> Optional.ofNullable(node.getStatus().getImages()).orElse(List.of()).stream()
                                .map(ContainerImage::getNames)
                                .filter(Objects::nonNull)
                                .flatMap(List::stream)
                                .anyMatch(name -> name.equals(reference) || name.equals(wanted)));
    }

    /** How containerd names an image: docker.io/library/NAME:TAG for a bare name, docker.io/ORG/NAME:TAG for ORG/NAME. */
    static String normalise(String reference) {
        if (DockerImageName.registryHost(reference).isPresent()) {
            return reference;
        }
        return reference.indexOf('/') < 0 ? "docker.io/library/" + reference : "docker.io/" + reference;
    }
}
