package dev.ghillie.preview.dev;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a burst of changed files costs: any source or resource of the module or of a reactor dependency
 * means a new image; the chart directory and the values files alone mean a release upgrade with the image already
 * on the nodes. Build directories and editors' temporary files are never a change.
 */
public final class ChangeClassifier {

    private final WatchedInputs inputs;

    public ChangeClassifier(WatchedInputs inputs) {
        this.inputs = inputs;
    }

    /** Whether a change of {@code file} matters at all. */
    public boolean isInput(Path file) {
        Path path = file.toAbsolutePath().normalize();
        if (IgnoredFiles.isEditorTemporary(path) || inputs.buildDirs().stream().anyMatch(path::startsWith)) {
            return false;
        }
        return imageInput(path) || releaseInput(path);
    }

    /** The change the files make; empty when none of them is an input. */
    public Optional<Change> classify(Collection<Path> files, Instant firstSeen) {
        List<Path> relevant = files.stream()
                .map(file -> file.toAbsolutePath().normalize())
                .distinct()
                .filter(this::isInput)
                .toList();
        if (relevant.isEmpty()) {
            return Optional.empty();
        }
        Set<Path> dependencies = new LinkedHashSet<>();
        for (Path file : relevant) {
            inputs.dependencySources().stream().filter(file::startsWith).forEach(dependencies::add);
        }
        ChangeKind kind = relevant.stream().anyMatch(this::imageInput) ? ChangeKind.IMAGE : ChangeKind.RELEASE;
        return Optional.of(new Change(kind, relevant, new ArrayList<>(dependencies), firstSeen));
    }

    private boolean imageInput(Path path) {
        return inputs.moduleSources().stream().anyMatch(path::startsWith)
                || inputs.dependencySources().stream().anyMatch(path::startsWith);
    }

    private boolean releaseInput(Path path) {
        return path.startsWith(inputs.chartDir()) || inputs.valuesFiles().contains(path);
    }
}
