package dev.ghillie.preview.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingSourcesTest {

    private final SettingSources sources = new SettingSources(Map.of("GHILLIE_K3D_CLUSTER", "from-env", "GHILLIE_K3D_PORT", "eighty"));

    @Test
    void propertyWinsOverEnvironmentWhichWinsOverDefault() {
        assertThat(sources.text("from-property", "GHILLIE_K3D_CLUSTER", "ghillie-local")).isEqualTo("from-property");
        assertThat(sources.text(null, "GHILLIE_K3D_CLUSTER", "ghillie-local")).isEqualTo("from-env");
        assertThat(sources.text("  ", "GHILLIE_K3D_CLUSTER", "ghillie-local")).isEqualTo("from-env");
        assertThat(sources.text(null, "GHILLIE_K3D_NAMESPACE", "ghillie")).isEqualTo("ghillie");
    }

    @Test
    void aBadPortFromTheEnvironmentNamesTheVariable() {
        assertThat(sources.port("ghillie.preview.port", "8081", "GHILLIE_K3D_PORT", 0)).isEqualTo(8081);
        assertThatThrownBy(() -> sources.port("ghillie.preview.port", null, "GHILLIE_K3D_PORT", 0))
                .hasMessage("ghillie.preview.port='eighty' is not a port: use 1 to 65535, or 0 to pick a free loopback port (read from GHILLIE_K3D_PORT)");
    }
}
