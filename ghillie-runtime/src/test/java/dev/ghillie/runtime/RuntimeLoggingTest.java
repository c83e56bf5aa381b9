package dev.ghillie.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuntimeLoggingTest {

    @AfterEach
    void restoreDefaults() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void atInfoLibrariesOnlyWarnAndTheLevelsSurviveGarbageCollection() {
        RuntimeLogging.configure(Level.INFO);
        // JUL holds loggers weakly: levels set on unreferenced Logger objects would be gone now.
        for (int i = 0; i < 5; i++) {
            System.gc();
        }

        assertThat(Logger.getLogger("io.helidon.webserver.LoomServer").isLoggable(Level.INFO))
                .isFalse();
        assertThat(Logger.getLogger("io.helidon.webserver.LoomServer").isLoggable(Level.WARNING))
                .isTrue();
        assertThat(Logger.getLogger("redis.clients.jedis.Connection").isLoggable(Level.INFO))
                .isFalse();
        assertThat(Logger.getLogger("dev.ghillie.runtime.Main").isLoggable(Level.INFO))
                .isTrue();
        assertThat(Logger.getLogger("dev.ghillie.runtime.Main").isLoggable(Level.FINE))
                .isFalse();
    }

    @Test
    void atDebugEverythingShows() {
        RuntimeLogging.configure(Level.FINE);

        assertThat(Logger.getLogger("io.helidon.webserver.LoomServer").isLoggable(Level.FINE))
                .isTrue();
        assertThat(Logger.getLogger("dev.ghillie.runtime.Main").isLoggable(Level.FINE))
                .isTrue();
    }

    @Test
    void atErrorEvenTheServiceIsQuietBelowSevere() {
        RuntimeLogging.configure(Level.SEVERE);

        assertThat(Logger.getLogger("io.helidon.webserver.LoomServer").isLoggable(Level.WARNING))
                .isFalse();
        assertThat(Logger.getLogger("dev.ghillie.runtime.Main").isLoggable(Level.INFO))
                .isFalse();
    }
}
