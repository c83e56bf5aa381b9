package dev.ghillie.preview.platform;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

/**
 * Creates the preview namespace when absent; platform resources live beside the app. Both platform
 * services may ensure it at the same time, so "already exists" counts as success.
 */
final class NamespaceEnsurer {

    private NamespaceEnsurer() {
    }

    static void ensure(KubernetesClient client, String namespace) {
        if (client.namespaces().withName(namespace).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                    .createOr(NonDeletingOperation::update);
        }
    }
}
