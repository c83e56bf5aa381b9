package dev.ghillie.preview.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderKindTest {

    @Test
    void namesTheThreeProviders() {
        assertThat(ProviderKind.parse(new SettingValue("kind", Optional.empty())))
                .isEqualTo(ProviderKind.KIND);
        assertThat(ProviderKind.parse(new SettingValue(" K3D ", Optional.empty())))
                .isEqualTo(ProviderKind.K3D);
        assertThat(ProviderKind.parse(new SettingValue("existing", Optional.empty())))
                .isEqualTo(ProviderKind.EXISTING);
    }

    @Test
    void anUnknownProviderIsOneLineNamingTheVariableItCameFrom() {
        assertThatThrownBy(
                        () -> ProviderKind.parse(new SettingValue("minikube", Optional.of("GHILLIE_PREVIEW_PROVIDER"))))
                .isInstanceOf(SettingsException.class)
                .hasMessage("ghillie.preview.provider='minikube' is not a provider: use k3d, kind or existing"
                        + " (read from GHILLIE_PREVIEW_PROVIDER)");
    }

    @Test
    void onlyK3dReachesThePreviewThroughItsIngressByDefault() {
        assertThat(ProviderKind.K3D.defaultAccess()).isEqualTo(AccessMode.INGRESS);
        assertThat(ProviderKind.KIND.defaultAccess()).isEqualTo(AccessMode.PORT_FORWARD);
        assertThat(ProviderKind.EXISTING.defaultAccess()).isEqualTo(AccessMode.PORT_FORWARD);
    }
}
