package dev.ghillie.preview.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DebugPortTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "false", "FALSE"})
    void unsetOrFalseMeansNoDebugger(String value) {
        assertThat(DebugPort.parse(value)).isEmpty();
    }

    @Test
    void aPortIsTakenAsGiven() {
        assertThat(DebugPort.parse(" 8000 ")).contains(new DebugPort(8000));
        assertThat(DebugPort.parse("1")).contains(new DebugPort(1));
        assertThat(DebugPort.parse("65535")).contains(new DebugPort(65535));
    }

    /** {@code -Dghillie.preview.debug} without a value: Maven sets the property to "true". */
    @Test
    void trueIsTheConventionalJdwpPort() {
        assertThat(DebugPort.parse("true")).contains(new DebugPort(5005));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1", "50o5", "5005x", "99999999999"})
    void anythingElseIsOneClearLine(String value) {
        assertThatThrownBy(() -> DebugPort.parse(value))
                .isInstanceOf(SettingsException.class)
                .hasMessage("ghillie.preview.debug=" + value + " is not a port: give the debugger's port, 1-65535,"
                        + " e.g. -Dghillie.preview.debug=5005");
    }

    @Test
    void theServicesOwnPortIsOneClearLine() {
        assertThat(new DebugPort(5005).apartFrom(8080)).isEqualTo(new DebugPort(5005));
        assertThatThrownBy(() -> new DebugPort(8080).apartFrom(8080))
                .isInstanceOf(SettingsException.class)
                .hasMessage(
                        "ghillie.preview.debug=8080 is the service's own port in the pod"
                                + " (ghillie.preview.containerPort): give the debugger another, e.g. -Dghillie.preview.debug=5005");
        assertThatThrownBy(() -> new DebugPort(5005).apartFrom(5005))
                .hasMessageEndingWith("e.g. -Dghillie.preview.debug=5006");
    }

    @Test
    void theChartValueAndTheAttachAddress() {
        DebugPort debug = DebugPort.parse("5005").orElseThrow();

        assertThat(debug.chartValues()).isEqualTo(Map.of("debug.port", "5005"));
        assertThat(debug.attachAddress()).isEqualTo("127.0.0.1:5005");
        assertThat(Optional.of(debug)).contains(new DebugPort(5005));
    }
}
