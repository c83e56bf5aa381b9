package dev.ghillie.preview.kube;

import java.util.List;

/**
 * A rollout that did not complete: a container in an unrecoverable state, or the deadline reached. The message's
 * first line is the {@link #summary()}; the following indented lines are the {@link #details()} (container states,
 * pod events, last log lines).
 */
public final class RolloutFailedException extends KubeException {

    /** Why the wait stopped. */
    public enum Cause {
        CONTAINER_FAILED,
        DEADLINE_EXCEEDED,
        PROGRESS_DEADLINE_EXCEEDED
    }

    private final Cause cause;
    private final String summary;
    private final List<String> details;

    RolloutFailedException(Cause cause, String summary, List<String> details) {
        super(DiagnosticText.join(summary, details));
        this.cause = cause;
        this.summary = summary;
        this.details = List.copyOf(details);
    }

    public Cause failure() {
        return cause;
    }

    /** One line: what failed and why. */
    public String summary() {
        return summary;
    }

    /** Supporting lines, already indented for printing under the summary. */
    public List<String> details() {
        return details;
    }
}
