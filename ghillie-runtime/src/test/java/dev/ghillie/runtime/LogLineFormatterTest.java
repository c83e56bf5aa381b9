package dev.ghillie.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLineFormatterTest {

    private static LogRecord record(Level level, String message, Throwable thrown) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.helidon.webserver.ConnectionHandler");
        record.setInstant(Instant.parse("2026-01-02T03:04:05.678Z"));
        record.setThrown(thrown);
        return record;
    }

    @Test
    void oneLineWithTheTimeInUtcTheLevelAndTheLogger() {
        assertThat(new LogLineFormatter().format(record(Level.INFO, "listening", null)))
                .isEqualTo("2026-01-02T03:04:05.678Z INFO io.helidon.webserver.ConnectionHandler: listening"
                        + System.lineSeparator());
    }

    @Test
    void belowWarningAnExceptionIsOneLineNotAStackTrace() {
        String line = new LogLineFormatter()
                .format(record(
                        Level.FINEST,
                        "connection close requested",
                        new IllegalStateException("No more data\navailable", new RuntimeException("cause"))));

        assertThat(line)
                .isEqualTo("2026-01-02T03:04:05.678Z FINEST io.helidon.webserver.ConnectionHandler: "
                        + "connection close requested: java.lang.IllegalStateException: No more data available"
                        + System.lineSeparator());
    }

    @Test
    void atWarningTheStackTraceStays() {
        String text = new LogLineFormatter()
                .format(record(Level.WARNING, "Internal server error", new IllegalStateException("route failed")));

        assertThat(text.lines().toList())
                .first()
                .isEqualTo(
                        "2026-01-02T03:04:05.678Z WARNING io.helidon.webserver.ConnectionHandler: Internal server error");
        assertThat(text)
                .contains(System.lineSeparator() + "java.lang.IllegalStateException: route failed")
                .contains("\tat dev.ghillie.runtime.LogLineFormatterTest");
    }
}
