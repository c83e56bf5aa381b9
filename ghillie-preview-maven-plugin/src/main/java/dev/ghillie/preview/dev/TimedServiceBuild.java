package dev.ghillie.preview.dev;

import dev.ghillie.preview.image.ServiceBuild;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The module build, timed: the image step runs the build and then Jib, and a round's line shows the two apart
 * (the compile is the piece a developer can make faster, the image build is ours).
 */
public final class TimedServiceBuild implements ServiceBuild {

    private final ServiceBuild build;
    private final LongSupplier nanoClock;
    private volatile Duration last = Duration.ZERO;
    private volatile boolean lastFailed;

    public TimedServiceBuild(ServiceBuild build) {
        this(build, System::nanoTime);
    }

    TimedServiceBuild(ServiceBuild build, LongSupplier nanoClock) {
        this.build = build;
        this.nanoClock = nanoClock;
    }

    @Override
    public Optional<String> run() {
        long start = nanoClock.getAsLong();
        lastFailed = true;
        try {
            Optional<String> done = build.run();
            lastFailed = false;
            return done;
        } finally {
            last = Duration.ofNanos(nanoClock.getAsLong() - start);
        }
    }

    /** Whether the last run failed. */
    public boolean lastFailed() {
        return lastFailed;
    }

    /** How long the last run took, failed or not. */
    public Duration lastRun() {
        return last;
    }
}
