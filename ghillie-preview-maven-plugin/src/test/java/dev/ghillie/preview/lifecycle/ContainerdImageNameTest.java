package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a node lists an imported image, which decides whether the import can be skipped. */
class ContainerdImageNameTest {

    @ParameterizedTest
    @CsvSource({
        "ghillie-runtime:1.0-abc, docker.io/library/ghillie-runtime:1.0-abc",
        "team/ghillie-runtime:1.0-abc, docker.io/team/ghillie-runtime:1.0-abc",
        "localhost:5001/ghillie-runtime:1.0-abc, localhost:5001/ghillie-runtime:1.0-abc",
        "registry.example.com/team/ghillie-runtime:1.0, registry.example.com/team/ghillie-runtime:1.0"
    })
    void bareAndHubNamesGainDockerIoOthersStayAsTheyAre(String reference, String containerd) {
        assertThat(ImportedImages.normalise(reference)).isEqualTo(containerd);
    }
}
