package dev.ghillie.runtime;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

/**
 * Every setting of the runtime, read once from the environment and validated before anything
 * starts. A wrong value stops start-up with a {@link ConfigException} naming the variable.
 */
public record RuntimeConfig(
        String host,
        int port,
        Level logLevel,
        Optional<DatabaseTarget> database,
        Optional<ValkeyTarget> valkey,
        Duration checkTimeout,
        Duration drainDelay,
        Duration shutdownGrace,
        Optional<String> imageDigest) {

    public static RuntimeConfig fromEnvironment(Map<String, String> env) {
        return new RuntimeConfig(
                text(env, "GHILLIE_HOST").orElse("0.0.0.0"),
                port(env, "GHILLIE_PORT", 8080),
                logLevel(env, "GHILLIE_LOG_LEVEL"),
                text(env, DatabaseTarget.VARIABLE).map(DatabaseTarget::parse),
                text(env, ValkeyTarget.VARIABLE).map(ValkeyTarget::parse),
                millis(env, "GHILLIE_CHECK_TIMEOUT_MS", 2000, 1),
                millis(env, "GHILLIE_DRAIN_DELAY_MS", 0, 0),
                millis(env, "GHILLIE_SHUTDOWN_GRACE_MS", 10_000, 0),
                text(env, "GHILLIE_IMAGE_DIGEST"));
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.get());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name + "='" + value.get()
                + "' is not a port: use a whole number from 0 to 65535 (0 picks a free port)");
    }

    private static Duration millis(Map<String, String> env, String name, long fallback, long minimum) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return Duration.ofMillis(fallback);
        }
        try {
            long millis = Long.parseLong(value.get());
            if (millis >= minimum) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name + "='" + value.get()
                + "' is not a duration: use a whole number of milliseconds, at least " + minimum);
    }

    private static Level logLevel(Map<String, String> env, String name) {
        String value = text(env, name).orElse("INFO");
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "TRACE", "FINEST" -> Level.FINEST;
            case "DEBUG", "FINE" -> Level.FINE;
            case "INFO" -> Level.INFO;
            case "WARN", "WARNING" -> Level.WARNING;
            case "ERROR", "SEVERE" -> Level.SEVERE;
            case "OFF" -> Level.OFF;
            default ->
                throw new ConfigException(
                        name + "='" + value + "' is not a log level: use TRACE, DEBUG, INFO, WARN, ERROR or OFF");
        };
    }
}
