package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The record of imported images. The mock server accepts what a real API server rejects (a create that carries
 * a resourceVersion), so the test asserts the requests; the end-to-end tier records a second image on a real one.
 */
@EnableKubernetesMockClient(crud = true)
class ImportedImagesTest {

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void aSecondImageIsAddedBesideTheFirst() throws Exception {
        assertThat(ImportedImages.has(client, "ghillie-runtime:1.0-aaa")).isFalse();

        ImportedImages.record(client, "ghillie-runtime:1.0-aaa");
        while (server.takeRequest(50, TimeUnit.MILLISECONDS) != null) {
            // drop the first record's requests
        }
        ImportedImages.record(client, "ghillie-runtime:1.0-bbb");
        // A real API server refuses a create that carries the resourceVersion just read: the second record must not
        // POST.
        List<String> methods = new ArrayList<>();
        for (RecordedRequest request; (request = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null; ) {
            methods.add(request.getMethod());
        }
        assertThat(methods).isNotEmpty().doesNotContain("POST");

        assertThat(ImportedImages.has(client, "ghillie-runtime:1.0-aaa")).isTrue();
        assertThat(ImportedImages.has(client, "ghillie-runtime:1.0-bbb")).isTrue();
        assertThat(ImportedImages.has(client, "ghillie-runtime:1.0-ccc")).isFalse();
        ConfigMap map = client.configMaps()
                .inNamespace("kube-system")
                .withName(ImportedImages.NAME)
                .get();
        assertThat(map.getData()).hasSize(2).containsValues("ghillie-runtime:1.0-aaa", "ghillie-runtime:1.0-bbb");
        assertThat(map.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "ghillie-preview");
    }
}
