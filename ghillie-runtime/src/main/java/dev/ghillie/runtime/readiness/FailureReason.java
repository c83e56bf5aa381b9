package dev.ghillie.runtime.readiness;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Turns a client library's exception into the short reason shown by /ready. The reason is
 * taken from the innermost cause that says what happened, and any password is masked, since
 * drivers sometimes echo connection details.
 */
final class FailureReason {

    private FailureReason() {}

    static String of(Throwable failure, String secret) {
        String network = networkReason(failure, 0);
        if (network != null) {
            return mask(network, secret);
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("password authentication failed")
                || lower.contains("wrongpass")
                || lower.contains("invalid password")
                || lower.contains("noauth")
                || lower.contains("invalid username-password")) {
            return "authentication failed";
        }
        if (lower.contains("timed out") || lower.contains("timeout")) {
            return "timed out";
        }
        String firstLine = message.lines().findFirst().orElse(message).strip();
        return mask(firstLine, secret);
    }

    /** Looks through causes and suppressed exceptions (Jedis keeps the socket error as suppressed). */
    private static String networkReason(Throwable failure, int depth) {
        if (failure == null || depth > 10) {
            return null;
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (failure instanceof UnknownHostException) {
            return "unknown host " + failure.getMessage();
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            String reason = networkReason(suppressed, depth + 1);
            if (reason != null) {
                return reason;
            }
        }
        return networkReason(failure.getCause(), depth + 1);
    }

    private static String mask(String text, String secret) {
        return secret == null || secret.isEmpty() ? text : text.replace(secret, "****");
    }
}
