package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.ProgressLines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StepReporterTest {

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();
    private final StepReporter reporter = new StepReporter(ProgressLines.to(lines::add), 3, clock::get);

    @Test
    void printsNumberDurationAndDetail() {
        String value = reporter.run("image build", () -> {
            clock.addAndGet(Duration.ofMillis(8_140).toNanos());
            return StepReporter.Outcome.of("ref", "ghillie-runtime:0.1.0-1a2b3c");
        });

        assertThat(value).isEqualTo("ref");
        assertThat(lines).containsExactly("[1/3] image build … done in 8.1s (ghillie-runtime:0.1.0-1a2b3c)");
        assertThat(reporter.timings()).containsEntry("image build", Duration.ofMillis(8_140));
    }

    @Test
    void reportsAFailureWithItsDurationAndRethrows() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> reporter.run("cluster", () -> {
                    clock.addAndGet(Duration.ofSeconds(75).toNanos());
                    throw boom;
                }))
                .isSameAs(boom);

        assertThat(lines).containsExactly("[1/3] cluster … failed after 1m15s");
    }

    @Test
    void aStepStoppedByAFailedStepItNeedsSaysSoAndRethrowsThatFailure() {
        IllegalStateException clusterFailure = new IllegalStateException("k3d failed");
        assertThatThrownBy(() -> reporter.run("image build", () -> {
                    clock.addAndGet(Duration.ofSeconds(31).toNanos());
                    throw new StepReporter.NeededStepFailed("cluster", clusterFailure);
                }))
                .isSameAs(clusterFailure);

        assertThat(lines).containsExactly("[1/3] image build … stopped after 31.0s: it needs the cluster");
    }

    @Test
    void omitsAnEmptyDetail() {
        reporter.run("preflight", () -> StepReporter.Outcome.of(null, ""));

        assertThat(lines).containsExactly("[1/3] preflight … done in 0.0s");
    }
}
