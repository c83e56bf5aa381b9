package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

/**
 * Creates the preview namespace when absent: the app Secret and the platform resources live beside
 * the app, and both platform services may ensure it at the same time, so "already exists" counts.
 */
public final class Namespaces {

    /**
     * The label a namespace {@code up} created carries: on a cluster the plugin does not own (provider existing),
     * {@code down} deletes a namespace only when it has it.
     */
    public static final String CREATED_BY_LABEL = "ghillie.dev/created-by";

    public static final String CREATED_BY = "ghillie-preview";

    private Namespaces() {}

    /** @throws KubeException one line naming the namespace, when the API server refuses or does not answer */
    public static void ensure(KubernetesClient client, String namespace) {
        try {
            if (client.namespaces().withName(namespace).get() == null) {
                client.namespaces()
                        .resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(namespace)
                                .addToLabels(CREATED_BY_LABEL, CREATED_BY)
                                .endMetadata()
                                .build())
                        .createOr(NonDeletingOperation::update);
            }
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("read or create namespace " + namespace, e);
        }
    }

    /** Whether {@code up} created {@code namespace} (it carries {@link #CREATED_BY_LABEL}). */
    public static boolean createdByPreview(KubernetesClient client, String namespace) {
        try {
            Namespace found = client.namespaces().withName(namespace).get();
            return found != null
                    && found.getMetadata().getLabels() != null
                    && CREATED_BY.equals(found.getMetadata().getLabels().get(CREATED_BY_LABEL));
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("read namespace " + namespace, e);
        }
    }
}
