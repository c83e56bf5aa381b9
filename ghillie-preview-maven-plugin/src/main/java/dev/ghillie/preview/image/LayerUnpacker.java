package dev.ghillie.preview.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Unpacks one folder of an image (or all of it) from its layers, lowest first, as a container runtime would:
 * whiteouts ({@code .wh.name}) delete what lower layers put there, an opaque whiteout ({@code .wh..wh..opq})
 * empties its folder, hard links are copies, nothing is written outside the target folder.
 *
 * @param folderInImage     what to unpack, e.g. {@code /opt/java/openjdk}; {@code /} for the whole file system
 * @param linksIntoTheCopy  point absolute symbolic links that lead into the folder at the unpacked copy instead,
 *                          for files this machine runs itself (a runtime's root keeps them as they are)
 */
public record LayerUnpacker(String folderInImage, boolean linksIntoTheCopy) {

    private static final String OPAQUE = ".wh..wh..opq";
    private static final String WHITEOUT = ".wh.";

    /** Empties {@code into}, then unpacks the folder into it. */
    public void unpack(DockerArchive image, Path into) throws IOException {
        String prefix = prefix();
        deleteTree(into);
        Files.createDirectories(into);
        Path root = into.toRealPath();
        Set<Path> thisLayer = new HashSet<>();
        int[] currentLayer = {-1};
        image.forEachLayerEntry((layer, entry, content) -> {
            if (layer != currentLayer[0]) {
                currentLayer[0] = layer;
                thisLayer.clear();
            }
            String name = withoutLeadingSlash(entry.getName()).replaceAll("/+$", "");
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                place(entry, name.substring(prefix.length()), content, root, thisLayer);
            } else if (removesTheFolder(name, prefix) || replacesTheFolder(entry, name, prefix)) {
                // A whiteout of the folder or of a parent, or a parent replaced by a file or link: what lower
                // layers put there is gone.
                emptyExcept(root, thisLayer);
            }
        });
    }

    /** Deletes a file, a link or a folder tree, whichever {@code path} is; nothing when it does not exist. */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private String prefix() {
        String folder = withoutLeadingSlash(folderInImage).replaceAll("/+$", "");
        return folder.isEmpty() ? "" : folder + "/";
    }

    /** {@code .wh.<folder or a parent>} or an opaque marker in a parent, seen from outside the folder. */
    private static boolean removesTheFolder(String name, String prefix) {
        int slash = name.lastIndexOf('/');
        String directory = slash < 0 ? "" : name.substring(0, slash + 1);
        String fileName = name.substring(slash + 1);
        if (fileName.equals(OPAQUE)) {
            return prefix.startsWith(directory);
        }
        return fileName.startsWith(WHITEOUT)
                && prefix.startsWith(directory + fileName.substring(WHITEOUT.length()) + "/");
    }

    /** The folder itself or one of its parents, as something other than a folder. */
    private static boolean replacesTheFolder(TarArchiveEntry entry, String name, String prefix) {
        return !prefix.isEmpty() && !entry.isDirectory() && !name.isEmpty() && prefix.startsWith(name + "/");
    }

    private void place(TarArchiveEntry entry, String relative, InputStream content, Path root, Set<Path> thisLayer)
            throws IOException {
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IOException("layer entry " + entry.getName() + " escapes " + folderInImage);
        }
        createParents(target, root, entry);
        String fileName = target.getFileName().toString();
        if (fileName.equals(OPAQUE)) {
            // Opaque applies to the lower layers only: what this layer already put there stays.
            emptyExcept(target.getParent(), thisLayer);
            return;
        }
        if (fileName.startsWith(WHITEOUT)) {
            String removed = fileName.substring(WHITEOUT.length());
            if (removed.isEmpty() || removed.equals(".") || removed.equals("..")) {
                throw new IOException("layer entry " + entry.getName() + " is a whiteout of no file");
            }
            Path gone = target.resolveSibling(removed);
            if (!thisLayer.contains(gone)) { // a whiteout removes what lower layers put there
                deleteTree(gone);
            }
            return;
        }
        thisLayer.add(target);
        if (entry.isDirectory()) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(target);
                Files.createDirectory(target);
            }
            return;
        }
        deleteTree(target);
        if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(target, linkTarget(entry.getLinkName(), root));
        } else if (entry.isLink()) {
            String linked = withoutLeadingSlash(entry.getLinkName());
            String prefix = prefix();
            Path source = linked.startsWith(prefix)
                    ? root.resolve(linked.substring(prefix.length())).normalize()
                    : null;
            // A hard link to a file outside the folder, or one that escapes it, has nothing here to copy.
            if (source != null
                    && source.startsWith(root)
                    && Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)
                    && source.toRealPath().startsWith(root)) {
                Files.copy(source, target, LinkOption.NOFOLLOW_LINKS);
            }
        } else if (entry.isFile()) {
            Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, permissions(entry.getMode()));
        }
    }

    private Path linkTarget(String link, Path root) {
        String prefix = prefix();
        boolean intoTheFolder =
                link.startsWith("/") && withoutLeadingSlash(link).startsWith(prefix);
        return linksIntoTheCopy && intoTheFolder
                ? root.resolve(withoutLeadingSlash(link).substring(prefix.length()))
                : Path.of(link);
    }

    /**
     * Creates the entry's missing parent folders, after checking that the nearest existing one really is inside
     * the folder: a symbolic link from a lower layer must not take a later entry out of it.
     */
    private void createParents(Path target, Path root, TarArchiveEntry entry) throws IOException {
        Path existing = target.getParent();
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (!existing.toRealPath().startsWith(root)) {
            throw new IOException(
                    "layer entry " + entry.getName() + " escapes " + folderInImage + " through a symbolic link");
        }
        Files.createDirectories(target.getParent());
    }

    /** Deletes what is in {@code directory}, at any depth, except what this layer wrote and the folders holding it. */
    private static void emptyExcept(Path directory, Set<Path> keep) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var children = Files.list(directory)) {
            for (Path child : children.toList()) {
                if (keep.contains(child) && !Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (keep.stream().anyMatch(kept -> kept.startsWith(child))) {
                    emptyExcept(child, keep);
                } else {
                    deleteTree(child);
                }
            }
        }
    }

    private static String withoutLeadingSlash(String name) {
        return name.replaceFirst("^(\\./|/)+", "");
    }

    /** The entry's mode bits; the owner may always read and write, so the build can read the copy and delete it. */
    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        permissions.add(PosixFilePermission.OWNER_READ);
        permissions.add(PosixFilePermission.OWNER_WRITE);
        return permissions;
    }
}
