package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

/**
 * Creates the preview namespace when absent: the app Secret and the platform resources live beside
 * the app, and both platform services may ensure it at the same time, so "already exists" counts.
 */
public final class Namespaces {

    private Namespaces() {
    }

    /** @throws KubeException one line naming the namespace, when the API server refuses or does not answer */
    public static void ensure(KubernetesClient client, String namespace) {
        try {
            if (client.namespaces().withName(namespace).get() == null) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                        .createOr(NonDeletingOperation::update);
            }
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("read or create namespace " + namespace, e);
        }
    }
}
