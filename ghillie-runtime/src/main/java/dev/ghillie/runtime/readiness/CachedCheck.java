package dev.ghillie.runtime.readiness;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Runs a {@link DependencyCheck} at most once per {@code maxAge} and never more than once at a
 * time, so a burst of /ready calls costs one connection to the dependency, not one per call.
 * While a refresh is running, callers get the previous result at once instead of queueing
 * behind a slow dependency; only the very first callers wait for a result.
 */
public final class CachedCheck {

    private record Stamped(CheckResult result, long atNanos) {}

    private final DependencyCheck check;
    private final long maxAgeNanos;
    private final LongSupplier clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Stamped last;

    public CachedCheck(DependencyCheck check, Duration maxAge) {
        this(check, maxAge, System::nanoTime);
    }

    CachedCheck(DependencyCheck check, Duration maxAge, LongSupplier clock) {
        this.check = check;
        this.maxAgeNanos = maxAge.toNanos();
        this.clock = clock;
    }

    public String name() {
        return check.name();
    }

    public CheckResult result() {
        Stamped seen = last;
        if (seen != null && clock.getAsLong() - seen.atNanos() < maxAgeNanos) {
            return seen.result();
        }
        if (seen != null && !refreshing.tryLock()) {
            return seen.result();
        }
        if (seen == null) {
            refreshing.lock();
        }
        try {
            Stamped current = last;
            if (current != null && clock.getAsLong() - current.atNanos() < maxAgeNanos) {
                return current.result();
            }
            CheckResult result = check.run();
            last = new Stamped(result, clock.getAsLong());
            return result;
        } finally {
            refreshing.unlock();
        }
    }
}
