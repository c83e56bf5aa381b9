package dev.ghillie.preview.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

/** Helm's storage Secrets, as its driver writes them, read back as the newest revision. */
@EnableKubernetesMockClient(crud = true)
class StoredReleasesTest {

    KubernetesClient client;

    private void store(String release, int revision, String status, String description, boolean gzipped) {
        client.secrets()
                .inNamespace("ghillie")
                .resource(HelmStorageSecret.of(release, revision, status, description, gzipped))
                .create();
    }

    @Test
    void theNewestRevisionByNumberWithItsStatusAndDescription() {
        store("ghillie", 9, "superseded", "Upgrade complete", true);
        store("ghillie", 10, "failed", "Upgrade \"ghillie\" failed: timed out waiting for the condition", true);
        store("other", 11, "deployed", "Install complete", true);

        assertThat(new StoredReleases(client).latest("ghillie", "ghillie"))
                .contains(new ReleaseRevision(
                        10, "failed", "Upgrade \"ghillie\" failed: timed out waiting for the condition"));
    }

    @Test
    void aReleaseStoredBeforeHelmCompressedItIsReadToo() {
        store("ghillie", 1, "deployed", "Install complete", false);

        assertThat(new StoredReleases(client).latest("ghillie", "ghillie"))
                .contains(new ReleaseRevision(1, "deployed", "Install complete"));
    }

    @Test
    void noReleaseAndSecretsThatAreNotHelmsAreNothing() {
        client.secrets()
                .inNamespace("ghillie")
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("ghillie")
                        .addToLabels("owner", "helm")
                        .addToLabels("name", "ghillie")
                        .addToLabels("version", "3")
                        .endMetadata()
                        .withType("Opaque")
                        .build())
                .create();

        assertThat(new StoredReleases(client).latest("ghillie", "ghillie")).isEmpty();
    }
}
