package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which image names carry a registry host, as Docker reads them: registry mode refuses those, containerd keeps them. */
class DockerImageNameTest {

    @ParameterizedTest
    @CsvSource(
            nullValues = "none",
            value = {
                "ghillie-runtime, none",
                "team/ghillie-runtime, none",
                "localhost/ghillie-runtime, localhost",
                "localhost:5001/ghillie-runtime, localhost:5001",
                "127.0.0.1:5001/ghillie-runtime, 127.0.0.1:5001",
                "registry.example.com/team/ghillie-runtime, registry.example.com",
                "k3d-registry.localhost:12345/ghillie-runtime, k3d-registry.localhost:12345"
            })
    void aFirstPartWithADotAPortOrLocalhostIsARegistry(String name, String host) {
        assertThat(DockerImageName.registryHost(name).orElse(null)).isEqualTo(host);
    }
}
