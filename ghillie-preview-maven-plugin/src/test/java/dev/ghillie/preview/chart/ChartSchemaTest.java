package dev.ghillie.preview.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** values.schema.json turns a wrong value into Helm's schema error instead of a rendered surprise. */
class ChartSchemaTest {

    private static final String SCHEMA_ERROR =
            "values don't meet the specifications of the schema(s) in the following chart(s):";

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            service.port                               | http              | at '/service/port': got string, want integer
            service.port                               | 70000             | at '/service/port': maximum: got 70,000, want 65,535
            service.type                               | ExternalName      | at '/service/type': value must be one of 'ClusterIP', 'NodePort', 'LoadBalancer'
            image.pullPolicy                           | Sometimes         | at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'
            image.tag                                  | 42                | at '/image/tag': got number, want string
            image.digest                               | latest            | at '/image/digest': 'latest' does not match pattern
            image.repository                           | shop@sha256       | at '/image/repository': 'shop@sha256' does not match pattern
            ingress.hosts                              | a.example.com     | at '/ingress/hosts': got string, want array
            ingress.enabled                            | yes               | at '/ingress/enabled': got string, want boolean
            ingress.pathType                           | Glob              | at '/ingress/pathType': value must be one of 'Prefix', 'Exact', 'ImplementationSpecific'
            replicaCount                               | -1                | at '/replicaCount': minimum: got -1, want 0
            secrets.existingSecretName                 | Shop_DB           | at '/secrets/existingSecretName': 'Shop_DB' does not match pattern
            secrets.externalSecret.secretStoreRef.kind | Vault             | at '/secrets/externalSecret/secretStoreRef/kind': value must be one of 'SecretStore', 'ClusterSecretStore'
            secrets.externalSecret.apiVersion          | external-secrets.io/v1alpha1 | at '/secrets/externalSecret/apiVersion': value must be one of 'external-secrets.io/v1', 'external-secrets.io/v1beta1'
            secrets.externalSecret.apiVersion          | v1                | at '/secrets/externalSecret/apiVersion': value must be one of 'external-secrets.io/v1', 'external-secrets.io/v1beta1'
            secrets.externalSecret.refreshInterval     | hourly            | at '/secrets/externalSecret/refreshInterval': 'hourly' does not match pattern
            probes.readiness.path                      | ready             | at '/probes/readiness/path': 'ready' does not match pattern
            ingres.enabled                             | true              | additional properties 'ingres' not allowed
            """)
    void wrongValuesFailWithHelmsSchemaError(String key, String value, String expected) {
        assertThatThrownBy(() -> ChartUnderTest.render(template -> template.set(key, value)))
                .hasMessageContaining(SCHEMA_ERROR)
                .hasMessageContaining(expected);
    }

    @Test
    void aScaffoldStyleHostObjectIsRejected() {
        assertThatThrownBy(
                        () -> ChartUnderTest.render(template -> template.set("ingress.hosts[0].host", "a.example.com")))
                .hasMessageContaining(SCHEMA_ERROR)
                .hasMessageContaining("at '/ingress/hosts/0': got object, want string");
    }

    /** The rejections above are not an artefact of --set: well-typed values of the same keys render. */
    @Test
    void wellTypedValuesOfTheSameKeysRender() {
        Manifests manifests = ChartUnderTest.render(template -> template.set("service.port", 80)
                .set("image.pullPolicy", "Never")
                .set("ingress.enabled", true)
                .set("ingress.hosts[0]", "a.example.com"));

        assertThat(manifests.kinds()).contains("Deployment", "Ingress");
        assertThat(manifests.container().getImagePullPolicy()).isEqualTo("Never");
    }
}
