package dev.ghillie.preview.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secure by default: the Pod Security Standards "restricted" profile with no values set. */
class ChartSecurityTest {

    @Test
    void defaultsSetEveryRestrictedField() {
        Manifests manifests = ChartUnderTest.renderDefaults();
        PodSecurityContext pod = manifests.podSpec().getSecurityContext();
        SecurityContext container = manifests.container().getSecurityContext();

        assertThat(pod.getRunAsNonRoot()).isTrue();
        assertThat(pod.getRunAsUser()).isEqualTo(65532L);
        assertThat(pod.getRunAsGroup()).isEqualTo(65532L);
        assertThat(pod.getFsGroup()).isEqualTo(65532L);
        assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getPrivileged()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-local.yaml", "values-gitops-example.yaml"})
    void everyValuesFileMeetsTheRestrictedProfile(String valuesFile) {
        PodSpec pod = ChartUnderTest.renderWith(valuesFile).podSpec();

        assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();
    }

    /** The profile check above is not vacuous: it reports each field a user weakens. */
    @Test
    void weakenedValuesAreReportedAsViolations() {
        PodSpec pod = ChartUnderTest.render(template -> template.set("securityContext.allowPrivilegeEscalation", true)
                        .set("securityContext.runAsNonRoot", false)
                        .set("podSecurityContext.runAsNonRoot", false)
                        .set("podSecurityContext.seccompProfile.type", "Unconfined")
                        .set("securityContext.capabilities.add[0]", "SYS_ADMIN"))
                .podSpec();

        assertThat(RestrictedPodSecurity.violations(pod))
                .containsExactlyInAnyOrder(
                        "container ghillie: allowPrivilegeEscalation is not false",
                        "container ghillie: adds capability SYS_ADMIN",
                        "container ghillie: runAsNonRoot is not true",
                        "container ghillie: seccompProfile is not RuntimeDefault or Localhost");
    }

    @Test
    void tmpIsAWritableSizeLimitedEmptyDir() {
        Manifests manifests = ChartUnderTest.renderDefaults();
        Volume tmp = manifests.podSpec().getVolumes().stream()
                .filter(volume -> volume.getName().equals("tmp"))
                .findFirst()
                .orElseThrow();
        VolumeMount mount = manifests.container().getVolumeMounts().stream()
                .filter(m -> m.getName().equals("tmp"))
                .findFirst()
                .orElseThrow();

        assertThat(tmp.getEmptyDir()).isNotNull();
        assertThat(tmp.getEmptyDir().getSizeLimit()).hasToString("64Mi");
        assertThat(mount.getMountPath()).isEqualTo("/tmp");
        assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void noApiTokenIsMountedUnlessAsked() {
        Manifests defaults = ChartUnderTest.renderDefaults();
        Manifests asked = ChartUnderTest.render(template -> template.set("serviceAccount.automountToken", true));

        assertThat(defaults.podSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(defaults.one(ServiceAccount.class).getAutomountServiceAccountToken())
                .isFalse();
        assertThat(asked.podSpec().getAutomountServiceAccountToken()).isTrue();
        assertThat(asked.one(ServiceAccount.class).getAutomountServiceAccountToken())
                .isTrue();
    }

    @Test
    void serviceAccountIsCreatedAndUsedOrLeftToTheUser() {
        Manifests created = ChartUnderTest.renderDefaults();
        Manifests existing = ChartUnderTest.render(
                template -> template.set("serviceAccount.create", false).set("serviceAccount.name", "preview-reader"));

        assertThat(created.one(ServiceAccount.class).getMetadata().getName()).isEqualTo("ghillie");
        assertThat(created.podSpec().getServiceAccountName()).isEqualTo("ghillie");
        assertThat(existing.find(ServiceAccount.class)).isEmpty();
        assertThat(existing.podSpec().getServiceAccountName()).isEqualTo("preview-reader");
    }
}
