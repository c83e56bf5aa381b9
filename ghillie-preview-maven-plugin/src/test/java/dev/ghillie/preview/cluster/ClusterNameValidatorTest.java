package dev.ghillie.preview.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterNameValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"ghillie-local", "a", "pr-42", "0abc", "abcdefghijabcdefghijabcdefghij12"})
    void acceptsRfc1123LabelsOfAtMost32Characters(String name) {
        assertThat(ClusterNameValidator.validate(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Ghillie",
                "my_cluster",
                "-lead",
                "trail-",
                "dots.not.ok",
                "abcdefghijabcdefghijabcdefghij123",
                "with space"
            })
    void rejectsOtherNamesWithTheSettingAndTheRule(String name) {
        assertThatThrownBy(() -> ClusterNameValidator.validate(name))
                .isInstanceOf(ClusterException.class)
                .hasMessage(
                        "ghillie.preview.cluster '" + name + "' is not a valid k3d cluster name: use at most 32"
                                + " lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. ghillie-local)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void rejectsEmptyNames(String name) {
        assertThatThrownBy(() -> ClusterNameValidator.validate(name))
                .hasMessageStartingWith("ghillie.preview.cluster (GHILLIE_K3D_CLUSTER) is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad_Name", ""})
    void specsCannotBeBuiltWithAnInvalidName(String name) {
        assertThatThrownBy(() -> ClusterSpec.of(name))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("ghillie.preview.cluster");
    }
}
