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

    private FailureReason() {
    }

    static String of(Throwable failure, String secret) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof ConnectException) {
                return mask("connection refused", secret);
            }
            if (cause instanceof SocketTimeoutException) {
                return "timed out";
            }
            if (cause instanceof UnknownHostException) {
                return mask("unknown host " + cause.getMessage(), secret);
            }
            cause = cause.getCause();
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("password authentication failed") || lower.contains("wrongpass")
                || lower.contains("invalid password") || lower.contains("noauth")
                || lower.contains("invalid username-password")) {
            return "authentication failed";
        }
        if (lower.contains("timed out") || lower.contains("timeout")) {
            return "timed out";
        }
        String firstLine = message.lines().findFirst().orElse(message).strip();
        return mask(firstLine, secret);
    }

    private static String mask(String text, String secret) {
        return secret == null || secret.isEmpty() ? text : text.replace(secret, "****");
    }
}
