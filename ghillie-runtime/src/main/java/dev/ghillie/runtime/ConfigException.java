package dev.ghillie.runtime;

/**
 * A start-up setting is wrong. The message is one line a person can act on: it names the
 * environment variable, what was wrong and what is accepted. It never carries a password.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
