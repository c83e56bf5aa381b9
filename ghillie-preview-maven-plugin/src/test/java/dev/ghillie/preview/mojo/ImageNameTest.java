package dev.ghillie.preview.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which image names carry a registry host, as Docker reads them: registry mode refuses those. */
class ImageNameTest {

    @ParameterizedTest
    @CsvSource({
            "ghillie-runtime, false",
            "team/ghillie-runtime, false",
            "localhost/ghillie-runtime, true",
            "localhost:5001/ghillie-runtime, true",
            "127.0.0.1:5001/ghillie-runtime, true",
            "registry.example.com/team/ghillie-runtime, true",
            "k3d-registry.localhost:12345/ghillie-runtime, true"})
    void aFirstPartWithADotAPortOrLocalhostIsARegistry(String name, boolean registry) {
        assertThat(AbstractImageMojo.namesARegistry(name)).isEqualTo(registry);
    }
}
