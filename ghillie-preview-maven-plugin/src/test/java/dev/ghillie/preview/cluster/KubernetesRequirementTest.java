package dev.ghillie.preview.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class KubernetesRequirementTest {

    private final KubernetesRequirement needs129 = new KubernetesRequirement(
            KubernetesVersion.minor(1, 29),
            "CloudNativePG chart 0.29.0 (ghillie.preview.platform includes postgres)",
            "-Dghillie.preview.platform=none or =valkey to preview without PostgreSQL");

    @Test
    void readsTheVersionsK3dAndApiServersPrint() {
        assertThat(KubernetesVersion.parse("v1.28.8-k3s1")).contains(new KubernetesVersion(1, 28, "v1.28.8-k3s1"));
        assertThat(KubernetesVersion.parse("v1.31.5+k3s1").orElseThrow().isOlderThan(KubernetesVersion.minor(1, 29)))
                .isFalse();
        assertThat(KubernetesVersion.parse("v1.20.2-k8s-local")
                        .orElseThrow()
                        .isOlderThan(KubernetesVersion.minor(1, 29)))
                .isTrue();
        assertThat(KubernetesVersion.parse("v1.29.0-rc.1").orElseThrow().isOlderThan(KubernetesVersion.minor(1, 29)))
                .isFalse();
        assertThat(KubernetesVersion.parse("latest")).isEmpty();
    }

    /** A k3d built without the release's flags falls back to an old k3s: the k3s line decides, not k3d's number. */
    @Test
    void theDefaultK3sDecidesAndK3dsReleaseOnlyWithoutIt() {
        assertThat(needs129.problemWithNewCluster("v5.7.4", KubernetesVersion.parse("v1.21.7-k3s1")))
                .hasValueSatisfying(
                        line -> assertThat(line).startsWith("k3d v5.7.4 creates Kubernetes v1.21.7-k3s1 clusters"));
        assertThat(needs129.problemWithNewCluster("v5.6.3", KubernetesVersion.parse("v1.29.4-k3s1")))
                .isEmpty();
        assertThat(needs129.problemWithNewCluster("v5.6.3", Optional.empty()))
                .hasValue("k3d v5.6.3 creates clusters older than"
                        + " Kubernetes 1.29, but CloudNativePG chart 0.29.0 (ghillie.preview.platform includes postgres) needs 1.29 or"
                        + " newer: upgrade k3d to v5.7 or newer (https://k3d.io/#installation), or set -Dghillie.preview.platform=none"
                        + " or =valkey to preview without PostgreSQL");
        assertThat(needs129.problemWithNewCluster("v5.7.0", Optional.empty())).isEmpty();
    }

    @Test
    void anExistingClusterThatIsTooOldIsNamedWithItsServerVersion() {
        assertThatThrownBy(() -> needs129.requireServer("ghillie-local", "v1.28.8+k3s1"))
                .isInstanceOf(ClusterException.class)
                .hasMessage(
                        "cluster ghillie-local runs Kubernetes v1.28.8+k3s1 (its API server's /version), but CloudNativePG"
                                + " chart 0.29.0 (ghillie.preview.platform includes postgres) needs Kubernetes 1.29 or newer: delete it"
                                + " (`k3d cluster delete ghillie-local`) and run again with k3d v5.7 or newer"
                                + " (https://k3d.io/#installation), or set -Dghillie.preview.platform=none or =valkey to preview"
                                + " without PostgreSQL");
        assertThatCode(() -> needs129.requireServer("ghillie-local", "v1.30.6+k3s1"))
                .doesNotThrowAnyException();
    }
}
