package dev.ghillie.preview;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * Files described by path, size and modification time, and lines of such descriptions digested: what the
 * fingerprints that decide "nothing changed, skip it" are made of (the module's build inputs, the image's).
 * Size and time stand for the content: the check must cost far less than the work it saves.
 */
public final class FileStamps {

    private FileStamps() {}

    /** {@code size millis}, {@code absent} or {@code unreadable}. */
    public static String stamp(Path file) {
        if (file == null || !Files.exists(file)) {
            return "absent";
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.size() + " " + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /**
     * One sorted line per regular file under {@code root} (or for {@code root} itself when it is a file): its path
     * relative to {@code root} and its stamp. Dot entries are skipped everywhere, and so is what the predicates say.
     */
    public static List<String> tree(Path root, Predicate<Path> skipDir, Predicate<Path> skipFile) throws IOException {
        if (!Files.exists(root)) {
            return List.of("absent " + root);
        }
        List<String> lines = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                boolean skip = dir.getFileName().toString().startsWith(".") || skipDir.test(dir);
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()
                        && !file.getFileName().toString().startsWith(".")
                        && !skipFile.test(file)) {
                    lines.add("file " + root.relativize(file) + " " + attributes.size() + " "
                            + attributes.lastModifiedTime().toMillis());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        lines.sort(null);
        return lines;
    }

    /** Every file under {@code root}, nothing skipped but dot entries. */
    public static List<String> tree(Path root) throws IOException {
        return tree(root, dir -> false, file -> false);
    }

    /** The SHA-256 of the lines, each ended by a newline, in hex. */
    public static String digest(List<String> lines) {
        MessageDigest digest = Sha256.newDigest();
        for (String line : lines) {
            digest.update(line.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
