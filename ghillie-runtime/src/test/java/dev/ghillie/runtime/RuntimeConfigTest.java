package dev.ghillie.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuntimeConfigTest {

    @Test
    void defaultsWhenNothingIsSet() {
        RuntimeConfig config = RuntimeConfig.fromEnvironment(Map.of());

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.logLevel()).isEqualTo(Level.INFO);
        assertThat(config.database()).isEmpty();
        assertThat(config.valkey()).isEmpty();
        assertThat(config.imageDigest()).isEmpty();
        assertThat(config.checkTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void readsEveryVariable() {
        RuntimeConfig config = RuntimeConfig.fromEnvironment(Map.of(
                "GHILLIE_HOST", "127.0.0.1",
                "GHILLIE_PORT", "9090",
                "GHILLIE_LOG_LEVEL", "debug",
                "DATABASE_URL", "postgresql://app:pw@pg-ghillie-rw.ghillie:5432/ghillie",
                "VALKEY_URL", "redis://:vpw@valkey-ghillie.ghillie:6380/2",
                "GHILLIE_IMAGE_DIGEST", "sha256:abc",
                "GHILLIE_DRAIN_DELAY_MS", "1500"));

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.logLevel()).isEqualTo(Level.FINE);
        assertThat(config.database())
                .contains(new DatabaseTarget("pg-ghillie-rw.ghillie", 5432, "ghillie", "app", "pw"));
        assertThat(config.valkey()).contains(new ValkeyTarget("valkey-ghillie.ghillie", 6380, 2, null, "vpw", false));
        assertThat(config.imageDigest()).contains("sha256:abc");
        assertThat(config.drainDelay()).isEqualTo(Duration.ofMillis(1500));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "70000", "-1", "80.5"})
    void rejectsABadPortNamingTheVariable(String port) {
        assertThatThrownBy(() -> RuntimeConfig.fromEnvironment(Map.of("GHILLIE_PORT", port)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("GHILLIE_PORT='" + port
                        + "' is not a port: use a whole number from 0 to 65535 (0 picks a free port)");
    }

    @Test
    void rejectsAnUnknownLogLevel() {
        assertThatThrownBy(() -> RuntimeConfig.fromEnvironment(Map.of("GHILLIE_LOG_LEVEL", "LOUD")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GHILLIE_LOG_LEVEL='LOUD' is not a log level")
                .hasMessageContaining("TRACE, DEBUG, INFO, WARN, ERROR");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mysql://u:topsecret@h/db",
                "postgresql://u:topsecret@/db",
                "postgresql://u:topsecret@host:5432/",
                "postgresql://u:topsecret@host:notaport/db",
                "not a url topsecret"
            })
    void rejectsAMalformedDatabaseUrlWithoutEchoingThePassword(String url) {
        assertThatThrownBy(() -> RuntimeConfig.fromEnvironment(Map.of("DATABASE_URL", url)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DATABASE_URL ")
                .hasMessageNotContaining("topsecret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://:topsecret@h:6379", "redis://:topsecret@h:6379/x"})
    void rejectsAMalformedValkeyUrlWithoutEchoingThePassword(String url) {
        assertThatThrownBy(() -> RuntimeConfig.fromEnvironment(Map.of("VALKEY_URL", url)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("VALKEY_URL ")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void rejectsANegativeDuration() {
        assertThatThrownBy(() -> RuntimeConfig.fromEnvironment(Map.of("GHILLIE_SHUTDOWN_GRACE_MS", "-5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GHILLIE_SHUTDOWN_GRACE_MS='-5' is not a duration");
    }
}
