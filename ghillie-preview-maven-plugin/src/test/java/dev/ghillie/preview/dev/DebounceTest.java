package dev.ghillie.preview.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebounceTest {

    private static final Instant T0 = Instant.parse("2026-12-07T20:00:00Z");
    private final Debounce debounce = new Debounce(Duration.ofMillis(200), Duration.ofSeconds(2));

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void nothingChangedIsNoBurstAndNoDeadline() {
        assertThat(debounce.poll(at(0))).isEmpty();
        assertThat(debounce.remaining(at(0))).isEmpty();
    }

    @Test
    void aBurstOfSavesIsOneChangeOnceQuiet() {
        debounce.changed(Path.of("A.java"), at(0));
        debounce.changed(Path.of("B.java"), at(100));
        debounce.changed(Path.of("A.java"), at(250));
        assertThat(debounce.poll(at(300)))
                .as("150 ms after the last save: still in the burst")
                .isEmpty();
        assertThat(debounce.remaining(at(300))).contains(Duration.ofMillis(150));

        Debounce.Burst burst = debounce.poll(at(450)).orElseThrow();
        assertThat(burst.files()).containsExactly(Path.of("A.java"), Path.of("B.java"));
        assertThat(burst.firstSeen()).isEqualTo(at(0));
        assertThat(debounce.poll(at(1000))).as("a burst is handed out once").isEmpty();
    }

    @Test
    void savesAfterTheQuietPeriodMakeTheNextBurst() {
        debounce.changed(Path.of("A.java"), at(0));
        assertThat(debounce.poll(at(200))).map(Debounce.Burst::files).contains(List.of(Path.of("A.java")));
        debounce.changed(Path.of("B.java"), at(900));
        Debounce.Burst next = debounce.poll(at(1100)).orElseThrow();
        assertThat(next.files()).containsExactly(Path.of("B.java"));
        assertThat(next.firstSeen()).isEqualTo(at(900));
    }

    @Test
    void aFileRewrittenForEverIsLetThroughAfterTheLongestWait() {
        for (long t = 0; t < 2000; t += 100) {
            debounce.changed(Path.of("generated.properties"), at(t));
            assertThat(debounce.poll(at(t))).isEmpty();
        }
        assertThat(debounce.remaining(at(1950))).contains(Duration.ofMillis(50));
        assertThat(debounce.poll(at(2000))).isPresent();
    }

    @Test
    void overdueIsZeroNotNegative() {
        debounce.changed(Path.of("A.java"), at(0));
        assertThat(debounce.remaining(at(5000))).contains(Duration.ZERO);
    }

    @Test
    void theQuietPeriodCannotExceedTheLongestWait() {
        assertThatThrownBy(() -> new Debounce(Duration.ofSeconds(3), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
