package dev.ghillie.preview.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class K3dRegistryTest {

    @Test
    void aRegistryAsRegistryUseNamesIt() {
        K3dRegistry registry = K3dRegistry.parse(" k3d-ghillie-registry:5001 ");

        assertThat(registry.name()).isEqualTo("k3d-ghillie-registry");
        assertThat(registry.port()).isEqualTo(5001);
        assertThat(registry.useReference()).isEqualTo("k3d-ghillie-registry:5001");
        assertThat(registry.pushHost()).isEqualTo("127.0.0.1:5001");
        assertThat(registry.createCommand()).isEqualTo("k3d registry create ghillie-registry --port 127.0.0.1:5001");
        assertThat(K3dRegistry.parse("registry.localhost:12345").createCommand())
                .isEqualTo("k3d registry create registry.localhost --port 127.0.0.1:12345");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "k3d-reg",
                "k3d-reg:",
                ":5001",
                "K3D-Reg:5001",
                "k3d-reg:0",
                "k3d-reg:70000",
                "http://k3d-reg:5001",
                "k3d-reg:5001/path",
                "-reg:5001"
            })
    void anythingElseIsOneLineNamingTheSettingAndTheForm(String value) {
        assertThatThrownBy(() -> K3dRegistry.parse(value))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("ghillie.preview.registry='" + value + "' is not a k3d registry: use NAME:PORT")
                .hasMessageContaining("k3d registry create ghillie-registry --port 127.0.0.1:5001");
    }
}
