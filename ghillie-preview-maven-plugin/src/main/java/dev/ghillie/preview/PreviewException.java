package dev.ghillie.preview;

/**
 * A failure the user can act on. The message is one line (or a short block of diagnostics) saying
 * what was wrong, which setting or tool, and how to fix it. The goals turn it into a
 * {@code MojoFailureException} without a stack trace.
 */
public class PreviewException extends RuntimeException {

    public PreviewException(String message) {
        super(message);
    }

    public PreviewException(String message, Throwable cause) {
        super(message, cause);
    }
}
