package dev.ghillie.preview;

import java.time.Duration;

/**
 * A monotonic deadline for polling loops, started when created; sleeps never overshoot it. A step that
 * waits for several things (a data service: its resource, its Secret, a create the webhook refuses for a
 * moment) hands each what is left of one deadline rather than a fresh timeout of its own.
 */
public final class Deadline {

    /** Never hand a waiter less than this: a zero timeout is invalid, and one last look costs nothing. */
    private static final Duration LAST_LOOK = Duration.ofMillis(1);

    private final Duration timeout;
    private final long startNanos;

    private Deadline(Duration timeout, long startNanos) {
        this.timeout = timeout;
        this.startNanos = startNanos;
    }

    public static Deadline after(Duration timeout) {
        return new Deadline(timeout, System.nanoTime());
    }

    /** A deadline of {@code limit} from now, or this one's end if that comes first. */
    public Deadline within(Duration limit) {
        long now = System.nanoTime();
        long left = timeout.toNanos() - (now - startNanos);
        return left < limit.toNanos()
                ? new Deadline(Duration.ofNanos(Math.max(0, left)), now)
                : new Deadline(limit, now);
    }

    public Duration timeout() {
        return timeout;
    }

    /** What is left of the step's time, at least {@link #LAST_LOOK}. */
    public Duration remaining() {
        Duration left = timeout.minusNanos(System.nanoTime() - startNanos);
        return left.compareTo(LAST_LOOK) < 0 ? LAST_LOOK : left;
    }

    public boolean expired() {
        return System.nanoTime() - startNanos >= timeout.toNanos();
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Sleeps for {@code pause} or until the deadline, whichever is sooner. */
    public void sleep(Duration pause, String waitingFor) {
        long left = timeout.toNanos() - (System.nanoTime() - startNanos);
        try {
            Thread.sleep(Duration.ofNanos(Math.max(0, Math.min(pause.toNanos(), left))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreviewException(
                    "interrupted while waiting for " + waitingFor + "; run the goal again to continue", e);
        }
    }

    /** {@code after 5m00s}, for messages. */
    public String describe() {
        return "after " + DurationText.of(timeout);
    }
}
