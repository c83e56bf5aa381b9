package dev.ghillie.preview.cluster;

/**
 * A user-facing failure around the local cluster: the message is one line per problem saying what
 * went wrong, which setting or tool it concerns and how to fix it. No stack trace is needed to act.
 */
public class ClusterException extends RuntimeException {

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
