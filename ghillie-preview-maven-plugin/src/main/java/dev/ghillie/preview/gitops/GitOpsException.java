package dev.ghillie.preview.gitops;

import dev.ghillie.preview.PreviewException;

/** The GitOps tree cannot be rendered as asked: bad input (named in the message) or a file that cannot be written. */
public class GitOpsException extends PreviewException {

    public GitOpsException(String message) {
        super(message);
    }

    public GitOpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
