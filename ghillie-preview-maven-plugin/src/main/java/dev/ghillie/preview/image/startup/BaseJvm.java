package dev.ghillie.preview.image.startup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * The Java runtime of a base image, unpacked onto the build machine so that the training run uses the very JVM
 * build the image will run: a cache made by any other build is refused by the JVM at start.
 *
 * @param home         where it was unpacked
 * @param imageHome    where it lives in the image ({@code JAVA_HOME}, e.g. {@code /opt/java/openjdk})
 * @param version      {@code JAVA_VERSION} of its {@code release} file
 */
public record BaseJvm(Path home, String imageHome, Runtime.Version version) {

    /** Where Temurin images keep it when {@code JAVA_HOME} is not set. */
    static final String USUAL_HOME = "/opt/java/openjdk";

    public Path java() {
        return home.resolve("bin/java");
    }

    /**
     * Unpacks {@code JAVA_HOME} of the image (every layer in order, whiteouts applied) into {@code into}, which is
     * emptied first.
     *
     * @throws StartupCacheException when the image has no JVM there
     */
    static BaseJvm unpack(DockerArchive base, Path into) throws IOException {
        String imageHome = imageHome(base);
        String prefix = imageHome.replaceFirst("^/+", "") + "/";
        deleteTree(into);
        Files.createDirectories(into);
        base.forEachLayerEntry((entry, content) -> {
            String name = entry.getName().replaceFirst("^(\\./|/)+", "");
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                place(entry, name.substring(prefix.length()), content, into, prefix);
            }
        });
        return unpacked(into, imageHome);
    }

    /** The JVM unpacked into {@code home} before. */
    static BaseJvm unpacked(Path home, String imageHome) throws IOException {
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            throw new StartupCacheException("the base image has no JVM at JAVA_HOME=" + imageHome);
        }
        return new BaseJvm(home, imageHome, releaseVersion(home).orElseThrow(() -> new StartupCacheException(
                "the base image's JVM at " + imageHome + " has no release file naming its version")));
    }

    static String imageHome(DockerArchive base) {
        return base.env("JAVA_HOME").orElse(USUAL_HOME).replaceAll("/+$", "");
    }

    private static void place(TarArchiveEntry entry, String relative, InputStream content, Path root, String prefix) throws IOException {
        Path target = root.resolve(relative.replaceAll("/+$", "")).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("layer entry escapes JAVA_HOME: " + entry.getName());
        }
        String fileName = target.getFileName().toString();
        if (fileName.equals(".wh..wh..opq")) {
            deleteTree(target.getParent());
            Files.createDirectories(target.getParent());
            return;
        }
        if (fileName.startsWith(".wh.")) {
            deleteTree(target.resolveSibling(fileName.substring(4)));
            return;
        }
        if (entry.isDirectory()) {
            Files.createDirectories(target);
            return;
        }
        Files.createDirectories(target.getParent());
        deleteTree(target);
        if (entry.isSymbolicLink()) {
            String link = entry.getLinkName();
            // An absolute link into JAVA_HOME must point into the unpacked copy; others are left as they are.
            String inImage = "/" + prefix;
            Path linkTarget = link.startsWith(inImage) ? root.resolve(link.substring(inImage.length())) : Path.of(link);
            Files.createSymbolicLink(target, linkTarget);
        } else if (entry.isLink()) {
            String linked = entry.getLinkName().replaceFirst("^(\\./|/)+", "");
            if (linked.startsWith(prefix)) {
                Files.copy(root.resolve(linked.substring(prefix.length())), target);
            }
        } else if (entry.isFile()) {
            Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, permissions(entry.getMode()));
        }
    }

    private static Optional<Runtime.Version> releaseVersion(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            properties.load(in);
        }
        String value = properties.getProperty("JAVA_VERSION", "").replace("\"", "").strip();
        try {
            return value.isEmpty() ? Optional.empty() : Optional.of(Runtime.Version.parse(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
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

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        // The build user must be able to read what it unpacked, and to delete it again.
        permissions.add(PosixFilePermission.OWNER_READ);
        permissions.add(PosixFilePermission.OWNER_WRITE);
        return permissions;
    }
}
