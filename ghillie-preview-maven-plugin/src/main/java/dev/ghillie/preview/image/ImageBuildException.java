package dev.ghillie.preview.image;

import dev.ghillie.preview.PreviewException;

/**
 * A build of the runtime image that cannot go on, with a one-line message for the user: what was
 * wrong, which setting or tool is involved, and how to fix it. Carries no stack trace to print.
 */
public final class ImageBuildException extends PreviewException {

    public ImageBuildException(String message) {
        super(message);
    }

    public ImageBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
