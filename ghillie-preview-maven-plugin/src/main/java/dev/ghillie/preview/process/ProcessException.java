package dev.ghillie.preview.process;

/**
 * An external process could not be started or did not finish in time. The message is one line,
 * already masked, naming the command and what to do.
 */
public class ProcessException extends RuntimeException {

    public ProcessException(String message) {
        super(message);
    }

    public ProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
