package dev.ghillie.runtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * One log line per event on stderr ({@link LogLineFormatter}), at the level {@code GHILLIE_LOG_LEVEL}
 * asks for. Helidon's own start-up chatter is kept to warnings at INFO so the service's start-up
 * line is the one line a person reads; DEBUG and finer show everything, without stack traces.
 */
final class RuntimeLogging {

    private static final List<String> LIBRARIES = List.of("io.helidon", "redis.clients", "org.postgresql");

    private RuntimeLogging() {}

    /**
     * Configures through LogManager properties rather than by setting levels on Logger objects:
     * JUL holds loggers weakly, so a level set on a logger nobody references is lost when the
     * logger is collected (seen in a container, where Helidon's INFO lines came back).
     */
    static void configure(Level level) {
        Level libraries = level.intValue() <= Level.FINE.intValue() ? level : maxOf(level, Level.WARNING);
        StringBuilder properties = new StringBuilder()
                .append("handlers=java.util.logging.ConsoleHandler\n")
                .append("java.util.logging.ConsoleHandler.level=ALL\n")
                .append(".level=")
                .append(level.getName())
                .append("\n");
        for (String library : LIBRARIES) {
            properties
                    .append(library)
                    .append(".level=")
                    .append(libraries.getName())
                    .append("\n");
        }
        try {
            LogManager.getLogManager()
                    .readConfiguration(
                            new ByteArrayInputStream(properties.toString().getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure logging", e);
        }
        // Set on the handler itself rather than named in the properties: LogManager would load a
        // formatter named there through the system class loader, which need not see this class.
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFormatter(new LogLineFormatter());
        }
        for (String library : LIBRARIES) {
            // Creating the library's logger re-parents loggers that already exist below it, so
            // they inherit its level; loggers created later get it from the properties.
            Logger.getLogger(library);
        }
    }

    private static Level maxOf(Level a, Level b) {
        return a.intValue() >= b.intValue() ? a : b;
    }
}
