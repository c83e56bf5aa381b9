package dev.ghillie.preview.dev;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a burst of saves one change: files are gathered until none has changed for the quiet period (an IDE's "save
 * all", a {@code git checkout}, a formatter touching ten files). A burst that never goes quiet is still let through
 * after the longest wait, so a file rewritten every 100 ms cannot hold the loop for ever. Holds no clock of its
 * own: the caller says what time it is, so tests need no sleeping.
 */
public final class Debounce {

    /** A finished burst: the files, and when the first of them changed. */
    public record Burst(List<Path> files, Instant firstSeen) {
        public Burst {
            files = List.copyOf(files);
        }
    }

    private final Duration quiet;
    private final Duration longestWait;
    private final Set<Path> files = new LinkedHashSet<>();
    private Instant first;
    private Instant last;

    public Debounce(Duration quiet, Duration longestWait) {
        if (quiet.isNegative() || longestWait.compareTo(quiet) < 0) {
            throw new IllegalArgumentException(
                    "quiet " + quiet + " must be >= 0 and <= the longest wait " + longestWait);
        }
        this.quiet = quiet;
        this.longestWait = longestWait;
    }

    /** A file changed at {@code now}. */
    public void changed(Path file, Instant now) {
        if (files.isEmpty()) {
            first = now;
        }
        files.add(file);
        last = now;
    }

    /** The burst, when it has been quiet long enough (or waited longest) at {@code now}; it is then forgotten. */
    public Optional<Burst> poll(Instant now) {
        if (files.isEmpty() || (now.isBefore(last.plus(quiet)) && now.isBefore(first.plus(longestWait)))) {
            return Optional.empty();
        }
        Burst burst = new Burst(List.copyOf(files), first);
        files.clear();
        first = null;
        last = null;
        return Optional.of(burst);
    }

    /** How long to wait for more at {@code now} before polling again; empty when nothing is pending (wait for ever). */
    public Optional<Duration> remaining(Instant now) {
        if (files.isEmpty()) {
            return Optional.empty();
        }
        Instant due = last.plus(quiet);
        Instant cap = first.plus(longestWait);
        Instant until = due.isBefore(cap) ? due : cap;
        Duration left = Duration.between(now, until);
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }
}
