package dev.ghillie.preview.settings;

import java.util.Map;

/**
 * Resolves a setting the documented way: the {@code ghillie.preview.*} property (or POM parameter)
 * wins over the environment variable, which wins over the default.
 */
public final class SettingSources {

    private final Map<String, String> environment;

    public SettingSources(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public String text(String parameter, String environmentVariable, String fallback) {
        if (parameter != null && !parameter.isBlank()) {
            return parameter.strip();
        }
        String fromEnvironment = environment.get(environmentVariable);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        return fallback;
    }

    public int port(String setting, String parameter, String environmentVariable, int fallback) {
        String value = text(parameter, environmentVariable, Integer.toString(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new SettingsException(setting + "='" + value + "' is not a port: use 1 to 65535, or 0 to pick a free loopback port"
                    + (parameter == null || parameter.isBlank() ? " (read from " + environmentVariable + ")" : ""));
        }
    }
}
