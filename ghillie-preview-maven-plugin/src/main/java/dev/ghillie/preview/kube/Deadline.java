package dev.ghillie.preview.kube;

import java.time.Duration;

/** A monotonic deadline for polling loops; sleeps never overshoot it by more than one poll. */
final class Deadline {

    private final long startNanos;
    private final long timeoutNanos;

    private Deadline(long startNanos, long timeoutNanos) {
        this.startNanos = startNanos;
        this.timeoutNanos = timeoutNanos;
    }

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime(), timeout.toNanos());
    }

    boolean expired() {
        return System.nanoTime() - startNanos >= timeoutNanos;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Sleeps for {@code pause} or until the deadline, whichever is sooner. */
    void sleep(Duration pause, String waitingFor) {
        long remaining = timeoutNanos - (System.nanoTime() - startNanos);
        long nanos = Math.max(0, Math.min(pause.toNanos(), remaining));
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeException("Interrupted while waiting for " + waitingFor + ".", e);
        }
    }

    /** {@code 1.2s}: short and stable, for messages. */
}
