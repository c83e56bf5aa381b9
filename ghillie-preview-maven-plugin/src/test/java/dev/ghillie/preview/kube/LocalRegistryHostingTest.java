package dev.ghillie.preview.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class LocalRegistryHostingTest {

    KubernetesClient client;

    private void advertise(String yaml) {
        client.configMaps()
                .inNamespace("kube-public")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("local-registry-hosting")
                        .endMetadata()
                        .addToData("localRegistryHosting.v1", yaml)
                        .build())
                .create();
    }

    @Test
    void readsWhatK3dWritesForARegistryCreatedOnLoopback() {
        // As k3d's RegistryGenerateLocalRegistryHostingConfigMapYAML marshals it (keys sorted).
        advertise("""
                help: https://k3d.io/stable/usage/registries/#using-a-local-registry
                host: 127.0.0.1:5001
                hostFromClusterNetwork: k3d-ghillie-registry:5000
                hostFromContainerRuntime: k3d-ghillie-registry:5000
                """);

        LocalRegistryHosting hosting = LocalRegistryHosting.read(client).orElseThrow();

        assertThat(hosting.host()).isEqualTo("127.0.0.1:5001");
        assertThat(hosting.hostPort()).isEqualTo(5001);
        assertThat(hosting.hostFromContainerRuntime()).isEqualTo("k3d-ghillie-registry:5000");
    }

    @Test
    void withoutARuntimeNameTheRuntimeUsesTheHostsName() {
        advertise("host: \"localhost:5001\"\nhelp: \"https://kind.sigs.k8s.io/docs/user/local-registry/\"\n");

        assertThat(LocalRegistryHosting.read(client))
                .contains(new LocalRegistryHosting("localhost:5001", "localhost:5001"));
    }

    @Test
    void aClusterWithoutTheConfigMapAdvertisesNoRegistry() {
        assertThat(LocalRegistryHosting.read(client)).isEmpty();
    }

    @Test
    void anUnreadableValueIsOneLineSayingWhatToDo() {
        advertise("host: [unclosed");

        assertThatThrownBy(() -> LocalRegistryHosting.read(client))
                .isInstanceOf(KubeException.class)
                .hasMessageStartingWith(
                        "ConfigMap kube-public/local-registry-hosting holds no readable localRegistryHosting.v1 (")
                .hasMessageEndingWith("fix or delete it; k3d writes it when a cluster is created with --registry-use");
    }
}
