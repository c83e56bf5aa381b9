package dev.ghillie.preview.dev;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One debounced change: what it costs, the files behind it, and when its first save was seen (a round's
 * time is counted from there).
 *
 * @param changedDependencies dependency source roots (from {@link WatchedInputs#dependencySources()}) with a changed file
 */
public record Change(ChangeKind kind, List<Path> files, List<Path> changedDependencies, Instant firstSeen) {

    public Change {
        files = List.copyOf(files);
        changedDependencies = List.copyOf(changedDependencies);
    }

    /** For the round's line: {@code Greeting.java}, or {@code Greeting.java and 3 more}. */
    public String describe() {
        String first = files.getFirst().getFileName().toString();
        return files.size() == 1 ? first : first + " and " + (files.size() - 1) + " more";
    }
}
