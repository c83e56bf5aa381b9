package dev.ghillie.preview.kube;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret string (a password, a URL with credentials) that cannot leak by accident: {@link #toString()} prints
 * {@code ****}, so it is safe in records, log lines and exception messages. Only {@link #reveal()} gives the value,
 * for the one place that must send it.
 */
public final class SecretValue {

    public static final String MASK = "****";

    private final String value;

    private SecretValue(String value) {
        this.value = value;
    }

    public static SecretValue of(String value) {
        return new SecretValue(Objects.requireNonNull(value, "value"));
    }

    /** The value itself: pass it on, never print it. */
    public String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of this value replaced by {@value #MASK}. */
    public String maskIn(String text) {
        return text == null || value.isEmpty() ? text : text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue that && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
