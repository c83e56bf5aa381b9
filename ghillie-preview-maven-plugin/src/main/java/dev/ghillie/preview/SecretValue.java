package dev.ghillie.preview;

import java.util.Objects;

/**
 * A value that must never be printed: a database URL with its password, a Valkey password. Its
 * {@code toString} is masked, so it cannot leak through a log line, an exception or a record's
 * generated {@code toString}; only {@link #reveal()} gives the text, at the point of use.
 */
public final class SecretValue {

    private final String value;

    private SecretValue(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static SecretValue of(String value) {
        return new SecretValue(value);
    }

    public String reveal() {
        return value;
    }

    /** Replaces every occurrence of this secret in {@code text}, e.g. in a tool's error output. */
    public String maskIn(String text) {
        return value.isEmpty() || text == null ? text : text.replace(value, "****");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "****";
    }
}
