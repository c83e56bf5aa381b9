package dev.ghillie.preview.process;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces known secret values, and the password part of any {@code scheme://user:password@host}
 * URL, with {@value #MASK} in text meant for logs and error messages.
 *
 * @param secrets literal values to hide wherever they appear
 */
public record SecretMasker(Set<String> secrets) {

    public static final String MASK = "****";

    // Database and Valkey URLs carry their password inline; hide it even when nobody registered it.
    private static final Pattern URL_PASSWORD = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s]*:)[^@\\s]+@");

    public SecretMasker {
        secrets = Set.copyOf(secrets);
    }

    public static SecretMasker none() {
        return new SecretMasker(Set.of());
    }

    /** A masker that also hides {@code secret}; blank values are ignored (they would mask everything). */
    public SecretMasker with(String secret) {
        if (secret == null || secret.isBlank()) {
            return this;
        }
        Set<String> more = new LinkedHashSet<>(secrets);
        more.add(secret);
        return new SecretMasker(more);
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        // Longest first, so a secret containing another one is replaced whole.
        for (String secret : secrets.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList()) {
            masked = masked.replace(secret, MASK);
        }
        return URL_PASSWORD.matcher(masked).replaceAll("$1" + MASK + "@");
    }
}
