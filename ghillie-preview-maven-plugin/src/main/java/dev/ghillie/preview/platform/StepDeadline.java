package dev.ghillie.preview.platform;

import dev.ghillie.preview.DurationText;
import dev.ghillie.preview.PreviewException;
import java.time.Duration;

/**
 * One data service's step deadline ({@code ghillie.preview.platformTimeout}), started when the step
 * starts: every wait inside the step (the resource, its Secret, a create the webhook refuses for a
 * moment) takes what is left of it rather than a fresh timeout of its own.
 */
final class StepDeadline {

    /** Never hand a waiter less than this: a zero timeout is invalid, and one last look costs nothing. */
    private static final Duration LAST_LOOK = Duration.ofMillis(1);

    private final Duration timeout;
    private final long startNanos;

    private StepDeadline(Duration timeout, long startNanos) {
        this.timeout = timeout;
        this.startNanos = startNanos;
    }

    static StepDeadline after(Duration timeout) {
        return new StepDeadline(timeout, System.nanoTime());
    }

    /** A deadline of {@code limit} from now, or this one's end if that comes first. */
    StepDeadline within(Duration limit) {
        long now = System.nanoTime();
        long left = timeout.toNanos() - (now - startNanos);
        return left < limit.toNanos() ? new StepDeadline(Duration.ofNanos(Math.max(0, left)), now) : new StepDeadline(limit, now);
    }

    Duration timeout() {
        return timeout;
    }

    /** What is left of the step's time, at least {@link #LAST_LOOK}. */
    Duration remaining() {
        Duration left = timeout.minusNanos(System.nanoTime() - startNanos);
        return left.compareTo(LAST_LOOK) < 0 ? LAST_LOOK : left;
    }

    boolean expired() {
        return System.nanoTime() - startNanos >= timeout.toNanos();
    }

    /** Sleeps for {@code pause} or until the deadline, whichever is sooner. */
    void pause(Duration pause, String waitingFor) {
        long left = timeout.toNanos() - (System.nanoTime() - startNanos);
        try {
            Thread.sleep(Duration.ofNanos(Math.max(0, Math.min(pause.toNanos(), left))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreviewException("interrupted while waiting for " + waitingFor + "; run up again to continue", e);
        }
    }

    /** {@code after 5m00s}, for messages. */
    String describe() {
        return "after " + DurationText.of(timeout);
    }
}
