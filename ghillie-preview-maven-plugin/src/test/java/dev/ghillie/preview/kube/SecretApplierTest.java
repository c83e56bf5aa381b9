package dev.ghillie.preview.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ghillie.preview.SecretValue;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SecretApplierTest {

    static final String NS = "ghillie";
    static final String PASSWORD = "s3cr3t-Pa55";
    static final String DATABASE_URL = "postgresql://ghillie:" + PASSWORD + "@pg-ghillie-rw.ghillie:5432/ghillie";
    static final String VALKEY_URL = "redis://:" + PASSWORD + "@valkey-ghillie.ghillie.svc.cluster.local:6379";

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void createsThenUpdatesThenLeavesAloneWhenNothingChanged() {
        SecretApplier applier = new SecretApplier(client);
        SecretSpec first = spec(Map.of("DATABASE_URL", SecretValue.of(DATABASE_URL)));
        SecretSpec second =
                spec(Map.of("DATABASE_URL", SecretValue.of(DATABASE_URL), "VALKEY_URL", SecretValue.of(VALKEY_URL)));

        assertThat(applier.apply(first)).isEqualTo(SecretApplier.Outcome.CREATED);
        assertThat(decoded("DATABASE_URL")).isEqualTo(DATABASE_URL);
        assertThat(stored().getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "ghillie-preview");

        assertThat(applier.apply(second)).isEqualTo(SecretApplier.Outcome.UPDATED);
        assertThat(decoded("VALKEY_URL")).isEqualTo(VALKEY_URL);
        String versionAfterUpdate = stored().getMetadata().getResourceVersion();

        assertThat(applier.apply(second)).isEqualTo(SecretApplier.Outcome.UNCHANGED);
        assertThat(stored().getMetadata().getResourceVersion()).isEqualTo(versionAfterUpdate);

        assertThat(applier.apply(first)).isEqualTo(SecretApplier.Outcome.UPDATED);
        assertThat(stored().getData()).containsOnlyKeys("DATABASE_URL");
    }

    @Test
    void valuesEchoedByTheApiServerAreMaskedAndNoCauseIsKept() {
        server.expect()
                .post()
                .withPath("/api/v1/namespaces/ghillie/secrets")
                .andReturn(
                        422,
                        new StatusBuilder()
                                .withCode(422)
                                .withReason("Invalid")
                                .withMessage("Secret \"ghillie\" is invalid: data[DATABASE_URL]: Invalid value: \""
                                        + DATABASE_URL + "\" (base64 " + base64(DATABASE_URL) + ")")
                                .build())
                .once();

        KubeException e = catchThrowableOfType(
                KubeException.class,
                () -> new SecretApplier(client).apply(spec(Map.of("DATABASE_URL", SecretValue.of(DATABASE_URL)))));

        assertThat(e.getMessage())
                .startsWith(
                        "Could not write Secret ghillie in namespace ghillie (HTTP 422): Secret \"ghillie\" is invalid")
                .contains("Invalid value: \"****\" (base64 ****)")
                .doesNotContain(PASSWORD)
                .doesNotContain(base64(DATABASE_URL));
        assertThat(e.getCause()).isNull();
    }

    @Test
    void specsAndValuesPrintMasked() {
        SecretSpec spec = spec(Map.of("DATABASE_URL", SecretValue.of(DATABASE_URL)));

        assertThat(spec.toString()).contains("DATABASE_URL=****").doesNotContain(PASSWORD);
        assertThat(SecretValue.of(PASSWORD).toString()).isEqualTo("****");
        assertThat(SecretValue.of(PASSWORD).maskIn("url " + VALKEY_URL))
                .isEqualTo("url redis://:****@valkey-ghillie.ghillie.svc.cluster.local:6379");
    }

    private static SecretSpec spec(Map<String, SecretValue> data) {
        return new SecretSpec(NS, "ghillie", Map.of("app.kubernetes.io/managed-by", "ghillie-preview"), data);
    }

    private Secret stored() {
        return client.secrets().inNamespace(NS).withName("ghillie").get();
    }

    private String decoded(String key) {
        return new String(Base64.getDecoder().decode(stored().getData().get(key)), StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
