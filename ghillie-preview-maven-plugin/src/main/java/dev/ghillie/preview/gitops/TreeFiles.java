package dev.ghillie.preview.gitops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The GitOps checkout on disk, addressed by paths relative to its root with {@code /} separators. Each
 * write goes to a temporary file beside the target and is renamed over it, so a reader (or a crash)
 * never sees half a file.
 */
final class TreeFiles {

    private final Path root;

    TreeFiles(Path root) {
        this.root = root;
    }

    /** The regular files under {@code directory} (recursively), relative paths; none when it does not exist. */
    List<String> filesUnder(String directory) {
        Path start = resolve(directory);
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile)
                    .map(this::relative)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new GitOpsException(
                    "Could not list " + start + " (" + e.getMessage() + "): can the build read the GitOps checkout?");
        }
    }

    /** The names of the regular files directly in {@code directory}. */
    List<String> fileNames(String directory) {
        return entries(directory, true);
    }

    /** The names of the directories directly in {@code directory}. */
    List<String> directoryNames(String directory) {
        return entries(directory, false);
    }

    boolean isDirectory(String path) {
        return Files.isDirectory(resolve(path));
    }

    Optional<String> read(String path) {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Not UTF-8 or unreadable: different from whatever would be written, so it is rewritten (or refused at
            // write).
            return Optional.of("\0unreadable");
        }
    }

    void write(String path, String content) {
        Path target = resolve(path);
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(temporary, content, StandardCharsets.UTF_8);
                keepOrOpenMode(temporary, target);
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new GitOpsException(
                    "Could not write " + target + " (" + e.getMessage() + "): is the GitOps checkout writable?");
        }
    }

    /**
     * A temporary file is private (0600); the tree's files are for everyone who reads the checkout: a rewritten file
     * keeps its mode, a new one gets 0644 (on file systems without POSIX modes, whatever they give).
     */
    private static void keepOrOpenMode(Path temporary, Path target) throws IOException {
        try {
            Files.setPosixFilePermissions(
                    temporary,
                    Files.exists(target)
                            ? Files.getPosixFilePermissions(target)
                            : PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    boolean isRegularFile(String path) {
        return Files.isRegularFile(resolve(path), LinkOption.NOFOLLOW_LINKS);
    }

    boolean isRealDirectory(String path) {
        return Files.isDirectory(resolve(path), LinkOption.NOFOLLOW_LINKS);
    }

    boolean isSymbolicLink(String path) {
        return Files.isSymbolicLink(resolve(path));
    }

    /** Deletes a file, or a folder with everything in it (links are deleted, never followed). */
    void removeTree(String path) {
        Path start = resolve(path);
        try (Stream<Path> entries = Files.walk(start)) {
            for (Path entry :
                    entries.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            throw new GitOpsException(
                    "Could not remove " + start + " (" + e.getMessage() + "): is the GitOps checkout writable?");
        }
    }

    /** Deletes the file, then each parent directory it leaves empty, up to (not including) {@code stopAt}. */
    void remove(String path, String stopAt) {
        Path file = resolve(path);
        Path stop = resolve(stopAt);
        try {
            Files.deleteIfExists(file);
            for (Path dir = file.getParent();
                    dir != null && dir.startsWith(stop) && !dir.equals(stop) && Files.isDirectory(dir) && isEmpty(dir);
                    dir = dir.getParent()) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new GitOpsException(
                    "Could not remove " + file + " (" + e.getMessage() + "): is the GitOps checkout writable?");
        }
    }

    private List<String> entries(String directory, boolean files) {
        Path dir = resolve(directory);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                if (files ? Files.isRegularFile(entry) : Files.isDirectory(entry)) {
                    names.add(entry.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new GitOpsException(
                    "Could not list " + dir + " (" + e.getMessage() + "): can the build read the GitOps checkout?");
        }
        return new ArrayList<>(names);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            return !stream.iterator().hasNext();
        }
    }

    private Path resolve(String path) {
        return path.isEmpty() ? root : root.resolve(path);
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}
