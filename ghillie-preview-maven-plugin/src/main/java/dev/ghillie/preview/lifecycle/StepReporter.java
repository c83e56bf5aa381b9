package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.DurationText;
import dev.ghillie.preview.ProgressSink;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Prints one line per finished step, {@code [n/N] label … done in 1.2s (detail)}, numbered in the
 * order steps finish (steps may run side by side), and keeps each step's duration for
 * {@code preview.json}. Plain text, no colour codes: it reads the same in {@code -B} and in a terminal.
 */
public final class StepReporter {

    /** What a step produced and the short detail shown on its line. */
    public record Outcome<T>(T value, String detail) {
        public static <T> Outcome<T> of(T value, String detail) {
            return new Outcome<>(value, detail);
        }
    }

    /**
     * Thrown inside a step that waited for another step which failed. That failure has its own line; this step did
     * not fail, so its line says it stopped and why, and the other step's failure is rethrown as it was.
     */
    public static final class NeededStepFailed extends RuntimeException {
        private final String neededStep;
        private final RuntimeException failure;

        public NeededStepFailed(String neededStep, RuntimeException failure) {
            super(failure.getMessage(), failure, false, false);
            this.neededStep = neededStep;
            this.failure = failure;
        }
    }

    private final ProgressSink out;
    private final int total;
    private final LongSupplier nanoClock;
    private final AtomicInteger finished = new AtomicInteger();
    private final Map<String, Duration> timings = Collections.synchronizedMap(new LinkedHashMap<>());

    public StepReporter(ProgressSink out, int total) {
        this(out, total, System::nanoTime);
    }

    StepReporter(ProgressSink out, int total, LongSupplier nanoClock) {
        this.out = out;
        this.total = total;
        this.nanoClock = nanoClock;
    }

    public <T> T run(String label, Supplier<Outcome<T>> step) {
        long start = nanoClock.getAsLong();
        Outcome<T> outcome;
        try {
            outcome = step.get();
        } catch (NeededStepFailed e) {
            Duration took = Duration.ofNanos(nanoClock.getAsLong() - start);
            timings.put(label, took);
            out.step(String.format(
                    "[%d/%d] %s … stopped after %s: it needs the %s",
                    finished.incrementAndGet(), total, label, DurationText.of(took), e.neededStep));
            throw e.failure;
        } catch (RuntimeException | Error e) {
            Duration took = Duration.ofNanos(nanoClock.getAsLong() - start);
            timings.put(label, took);
            out.step(String.format(
                    "[%d/%d] %s … failed after %s", finished.incrementAndGet(), total, label, DurationText.of(took)));
            throw e;
        }
        Duration took = Duration.ofNanos(nanoClock.getAsLong() - start);
        timings.put(label, took);
        String detail = outcome.detail() == null || outcome.detail().isBlank() ? "" : " (" + outcome.detail() + ")";
        out.step(String.format(
                "[%d/%d] %s … done in %s%s", finished.incrementAndGet(), total, label, DurationText.of(took), detail));
        return outcome.value();
    }

    /** Step durations in the order the steps finished. */
    public Map<String, Duration> timings() {
        synchronized (timings) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        }
    }
}
