package dev.ghillie.preview.dev;

import dev.ghillie.preview.PreviewException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches {@link WatchedInputs} with the JDK's {@link WatchService} (inotify on Linux) and hands out one
 * {@link Change} per debounced burst. Directories are registered one by one, as the service asks, and new ones as
 * they appear; build directories are never entered. Events that arrive while the loop is busy with a round wait in
 * the service's queue and make the next change.
 */
public final class SourceWatcher implements ChangeSource, AutoCloseable {

    private static final WatchEvent.Kind<?>[] KINDS = {
        StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE
    };

    private final WatchedInputs inputs;
    private final ChangeClassifier classifier;
    private final Debounce debounce;
    private final Clock clock;
    private final WatchService service;
    private final Map<WatchKey, Path> directories = new HashMap<>();
    /** Files created during the burst under way: one that is gone again by its end was a tool's temporary file. */
    private final Set<Path> createdInBurst = new HashSet<>();

    public SourceWatcher(WatchedInputs inputs, Debounce debounce, Clock clock) {
        this.inputs = inputs;
        this.classifier = new ChangeClassifier(inputs);
        this.debounce = debounce;
        this.clock = clock;
        try {
            this.service = FileSystems.getDefault().newWatchService();
            for (Path root : trees()) {
                registerTree(root);
            }
            for (Path file : inputs.valuesFiles()) {
                // A values file is watched through its directory (editors replace the file, which ends a watch on it).
                if (Files.isDirectory(file.getParent()) && trees().stream().noneMatch(file::startsWith)) {
                    register(file.getParent());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            close();
            throw new PreviewException(
                    "cannot watch the sources for preview:dev: " + e.getMessage()
                            + " (on Linux, raise fs.inotify.max_user_watches if it says 'no space left on device')",
                    e);
        }
    }

    /** How many directories are watched, for the start line. */
    public int watchedDirectories() {
        return directories.size();
    }

    /** Blocks until the next change that matters, debounced. */
    @Override
    public Change awaitChange() throws InterruptedException {
        while (true) {
            Optional<Duration> wait = debounce.remaining(clock.instant());
            try {
                WatchKey key = wait.isEmpty()
                        ? service.take()
                        : service.poll(Math.max(1, wait.get().toMillis()), TimeUnit.MILLISECONDS);
                while (key != null) {
                    handle(key);
                    key = service.poll();
                }
            } catch (ClosedWatchServiceException e) {
                // closed by Ctrl-C's shutdown hook, perhaps while a new directory was being registered
                throw new InterruptedException("the watcher was closed");
            }
            Optional<Debounce.Burst> burst = debounce.poll(clock.instant());
            if (burst.isPresent()) {
                // sed -i, and editors that write a file of their own name and rename it over the source: the file that
                // was
                // written and renamed away is no change. A file that existed before and is gone is one (a deleted
                // class).
                List<Path> files = burst.get().files().stream()
                        .filter(file ->
                                !(createdInBurst.contains(file) && Files.notExists(file, LinkOption.NOFOLLOW_LINKS)))
                        .toList();
                createdInBurst.clear();
                Optional<Change> change = classifier.classify(files, burst.get().firstSeen());
                if (change.isPresent()) {
                    return change.get();
                }
            }
        }
    }

    private void handle(WatchKey key) {
        Path dir = directories.get(key);
        Instant now = clock.instant();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                // Events were lost: whatever changed, the sources did; rebuild everything.
                debounce.changed(
                        inputs.moduleSources().isEmpty()
                                ? inputs.chartDir()
                                : inputs.moduleSources().getFirst(),
                        now);
                continue;
            }
            if (dir == null) {
                continue;
            }
            Path path = dir.resolve((Path) event.context());
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                    && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                // Files written into a new directory before it was registered would be missed: take them from the tree.
                if (!isBuildDir(path)) {
                    registerQuietly(path);
                    filesUnder(path).filter(classifier::isInput).forEach(file -> debounce.changed(file, now));
                }
                continue;
            }
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                continue; // a directory's own timestamp: its files report for themselves
            }
            if (classifier.isInput(path)) {
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                    createdInBurst.add(path);
                }
                debounce.changed(path, now);
            }
        }
        if (!key.reset()) {
            directories.remove(key); // the directory went away
        }
    }

    private Set<Path> trees() {
        Set<Path> roots = new LinkedHashSet<>(inputs.moduleSources());
        roots.addAll(inputs.dependencySources());
        roots.add(inputs.chartDir());
        return roots;
    }

    private boolean isBuildDir(Path dir) {
        Path path = dir.toAbsolutePath().normalize();
        return inputs.buildDirs().stream().anyMatch(path::startsWith);
    }

    private void registerTree(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return; // e.g. no src/main/resources: nothing to watch there
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (isBuildDir(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                register(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void register(Path dir) throws IOException {
        directories.put(dir.register(service, KINDS), dir);
    }

    private void registerQuietly(Path dir) {
        try {
            registerTree(dir);
        } catch (IOException e) {
            // It went away again; its parent's event covers it.
        }
    }

    private static Stream<Path> filesUnder(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList().stream();
        } catch (IOException | UncheckedIOException e) {
            return Stream.of(dir);
        }
    }

    @Override
    public void close() {
        try {
            if (service != null) {
                service.close();
            }
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
