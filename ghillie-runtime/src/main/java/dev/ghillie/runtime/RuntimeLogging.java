package dev.ghillie.runtime;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * One log line per event on stderr, at the level {@code GHILLIE_LOG_LEVEL} asks for. Helidon's
 * own start-up chatter is kept to warnings at INFO so the service's start-up line is the one
 * line a person reads; DEBUG and finer show everything.
 */
final class RuntimeLogging {

    private static final String FORMAT = "%1$tY-%1$tm-%1$tdT%1$tH:%1$tM:%1$tS.%1$tLZ %4$s %3$s: %5$s%6$s%n";

    private RuntimeLogging() {
    }

    static void configure(Level level) {
        System.setProperty("java.util.logging.SimpleFormatter.format", FORMAT);
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = new ConsoleHandler();
        handler.setFormatter(new SimpleFormatter());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(level);
        Level libraries = level.intValue() <= Level.FINE.intValue() ? level : maxOf(level, Level.WARNING);
        for (String library : new String[] {"io.helidon", "redis.clients", "org.postgresql"}) {
            Logger.getLogger(library).setLevel(libraries);
        }
    }

    private static Level maxOf(Level a, Level b) {
        return a.intValue() >= b.intValue() ? a : b;
    }
}
