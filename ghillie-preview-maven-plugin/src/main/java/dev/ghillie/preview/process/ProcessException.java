package dev.ghillie.preview.process;

import dev.ghillie.preview.PreviewException;

/**
 * An external process could not be started or did not finish in time. The message is one line,
 * already masked, naming the command and what to do.
 */
public class ProcessException extends PreviewException {

    public ProcessException(String message) {
        super(message);
    }

    public ProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
