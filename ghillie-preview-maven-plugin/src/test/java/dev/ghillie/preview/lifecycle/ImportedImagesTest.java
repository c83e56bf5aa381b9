package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

/**
 * The record of imported images. The mock server cannot show what a real API server rejects (a create that
 * carries a resourceVersion); the end-to-end tier's "code change" step records a second image on a real one.
 */
@EnableKubernetesMockClient(crud = true)
class ImportedImagesTest {

    KubernetesClient client;

    @Test
    void aSecondImageIsAddedBesideTheFirst() {
        assertThat(ImportedImages.has(client, "ghillie-runtime:1.0-aaa")).isFalse();

        ImportedImages.record(client, "ghillie-runtime:1.0-aaa");
        ImportedImages.record(client, "ghillie-runtime:1.0-bbb");

        assertThat(ImportedImages.has(client, "ghillie-runtime:1.0-aaa")).isTrue();
        assertThat(ImportedImages.has(client, "ghillie-runtime:1.0-bbb")).isTrue();
        assertThat(ImportedImages.has(client, "ghillie-runtime:1.0-ccc")).isFalse();
        ConfigMap map = client.configMaps().inNamespace("kube-system").withName(ImportedImages.NAME).get();
        assertThat(map.getData()).hasSize(2).containsValues("ghillie-runtime:1.0-aaa", "ghillie-runtime:1.0-bbb");
        assertThat(map.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "ghillie-preview");
    }
}
