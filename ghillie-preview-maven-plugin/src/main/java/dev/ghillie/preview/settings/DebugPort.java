package dev.ghillie.preview.settings;

import java.util.Map;
import java.util.Optional;

/**
 * {@code ghillie.preview.debug}: the port the service's JVM listens on for a debugger (JDWP), inside the pod and on
 * this machine's loopback through a port-forward.
 */
public record DebugPort(int port) {

    /** What {@code -Dghillie.preview.debug} alone means (Maven then gives "true"): the port IDEs default to. */
    public static final int CONVENTIONAL = 5005;

    static final String SETTING = "ghillie.preview.debug";

    public DebugPort {
        if (port < 1 || port > 65535) {
            throw outOfRange(Integer.toString(port));
        }
    }

    /** Empty when not set or {@code false}; {@code true} is {@value #CONVENTIONAL}. */
    public static Optional<DebugPort> parse(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("false")) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.equalsIgnoreCase("true")) {
            return Optional.of(new DebugPort(CONVENTIONAL));
        }
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw outOfRange(text);
        }
        return Optional.of(new DebugPort(port));
    }

    /** This port, when it is not the service's own in the pod: the JVM's debugger and the service cannot share one. */
    public DebugPort apartFrom(int containerPort) {
        if (port == containerPort) {
            throw new SettingsException(SETTING + "=" + port + " is the service's own port in the pod"
                    + " (ghillie.preview.containerPort): give the debugger another, e.g. -D" + SETTING + "="
                    + (containerPort == CONVENTIONAL ? CONVENTIONAL + 1 : CONVENTIONAL));
        }
        return this;
    }

    /** The chart's value (charts/ghillie: debug.port), given with --set so a user's own --set still wins. */
    public Map<String, String> chartValues() {
        return Map.of("debug.port", Integer.toString(port));
    }

    /** Where the IDE attaches. */
    public String attachAddress() {
        return "127.0.0.1:" + port;
    }

    private static SettingsException outOfRange(String given) {
        return new SettingsException(SETTING + "=" + given + " is not a port: give the debugger's port, 1-65535,"
                + " e.g. -D" + SETTING + "=" + CONVENTIONAL);
    }
}
