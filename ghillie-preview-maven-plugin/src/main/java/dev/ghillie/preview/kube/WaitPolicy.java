package dev.ghillie.preview.kube;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait for something in the cluster and how often to look.
 *
 * @param timeout      the deadline, measured from the start of the wait
 * @param pollInterval the pause between two looks at the cluster
 */
public record WaitPolicy(Duration timeout, Duration pollInterval) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    public WaitPolicy {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (pollInterval.isZero() || pollInterval.isNegative()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
    }

    /** A wait of {@code timeout} that looks once per second. */
    public static WaitPolicy of(Duration timeout) {
        return new WaitPolicy(timeout, DEFAULT_POLL_INTERVAL);
    }
}
