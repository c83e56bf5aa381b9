package dev.ghillie.preview.kube;

import dev.ghillie.preview.PreviewException;

/**
 * A Kubernetes-side failure whose message is meant for the user as is: what went wrong, on which object, and
 * what to look at next. Callers print {@link #getMessage()} without a stack trace.
 */
public class KubeException extends PreviewException {

    public KubeException(String message) {
        super(message);
    }

    public KubeException(String message, Throwable cause) {
        super(message, cause);
    }
}
