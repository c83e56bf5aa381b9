package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** Finds the Service a release's chart made, by the release's labels rather than by guessing the chart's naming. */
public final class ReleaseServices {

    private ReleaseServices() {}

    public static Optional<String> first(KubernetesClient client, LabelSelection selection) {
        return client
                .services()
                .inNamespace(selection.namespace())
                .withLabels(selection.labels())
                .list()
                .getItems()
                .stream()
                .map(Service::getMetadata)
                .map(meta -> meta.getName())
                .sorted()
                .findFirst();
    }
}
