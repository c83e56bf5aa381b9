package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.DurationText;
import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.kube.ApiFailure;
import dev.ghillie.preview.platform.PreviewData;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What {@code down} does inside a cluster it keeps, once the release is gone: removes the app Secret, and keeps the data
 * services' data ({@link PreviewData}) so the next {@code up} finds it, or with {@code dropData} removes it too. The
 * namespace goes only when nothing in it is kept. The app Secret goes either way: {@code up} derives it from the data
 * services' Secrets, which are kept, so it writes it again with the same URLs.
 */
final class PreviewNamespaceTeardown {

    static final Duration NAMESPACE_DELETION = Duration.ofMinutes(2);

    private final KubernetesClient client;
    private final ProgressSink out;

    PreviewNamespaceTeardown(KubernetesClient client, ProgressSink out) {
        this.client = client;
        this.out = out;
    }

    /** Nothing there is success, as for the rest of {@code down}: a re-run after any failure converges. */
    void run(String namespace, String appSecret, String clusterKept, boolean dropData) {
        try {
            client.secrets().inNamespace(namespace).withName(appSecret).delete();
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("delete Secret " + namespace + "/" + appSecret, e);
        }
        PreviewData data = new PreviewData(client);
        PreviewData.Found found = data.find(namespace);
        boolean keep = !dropData && !found.isEmpty();
        if (keep && beingDeleted(namespace)) {
            // Its contents go anyway; saying "kept" would send the next up into a namespace that refuses writes.
            out.step("namespace " + namespace + " is being deleted already: its data cannot be kept");
            keep = false;
        }
        if (keep) {
            out.step("kept data in namespace " + namespace + ": " + found.summary()
                    + "; -Dghillie.preview.dropData=true removes them");
            out.step("Secret " + appSecret + " deleted; namespace " + namespace + " and " + clusterKept);
            return;
        }
        if (!found.isEmpty()) {
            data.drop(found);
            out.step("dropped data in namespace " + namespace + ": " + found.summary());
        }
        deleteNamespace(namespace);
        out.step("Secret " + appSecret + " and namespace " + namespace + " deleted; " + clusterKept);
    }

    private boolean beingDeleted(String namespace) {
        try {
            Namespace current = client.namespaces().withName(namespace).get();
            return current != null && current.getMetadata().getDeletionTimestamp() != null;
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("read namespace " + namespace, e);
        }
    }

    private void deleteNamespace(String namespace) {
        try {
            client.namespaces().withName(namespace).delete();
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("delete namespace " + namespace, e);
        }
        try {
            // A namespace stays Terminating while its contents go; an up right after would fail to
            // write into it, so down returns only once it is gone.
            client.namespaces()
                    .withName(namespace)
                    .waitUntilCondition(Objects::isNull, NAMESPACE_DELETION.toSeconds(), TimeUnit.SECONDS);
        } catch (KubernetesClientException e) {
            throw new PreviewException("namespace " + namespace + " was not deleted within "
                    + DurationText.of(NAMESPACE_DELETION) + ": check what keeps it (kubectl get namespace " + namespace
                    + " -o yaml) and run down again");
        }
    }
}
