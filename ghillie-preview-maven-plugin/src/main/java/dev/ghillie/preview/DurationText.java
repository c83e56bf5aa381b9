package dev.ghillie.preview;

import java.time.Duration;
import java.util.Locale;

/** How every message and step line writes a duration: {@code 8.1s} under a minute, {@code 1m05s} above. */
public final class DurationText {

    private DurationText() {}

    public static String of(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        return String.format(Locale.ROOT, "%dm%02ds", millis / 60_000, (millis % 60_000) / 1000);
    }
}
