package dev.ghillie.preview.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The module's classes and resources as one jar, for a class path the JVM can cache (jars only). The same files
 * give the same bytes on any machine: entries sorted, one fixed time, no manifest, and stored, not deflated
 * (zlib versions compress differently; stored entries are also what the JVM reads fastest).
 */
final class AppJar {

    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

    private AppJar() {}

    /** Writes the jar of everything under {@code classes} to {@code jar}, replacing it only once complete. */
    static void write(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(classes)) {
            paths = walk.filter(path -> !path.equals(classes)).sorted().toList();
        }
        Path partial = jar.resolveSibling(jar.getFileName() + ".partial");
        try (OutputStream file = Files.newOutputStream(partial);
                ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.setMethod(ZipOutputStream.STORED);
            for (Path path : paths) {
                String name = classes.relativize(path).toString().replace('\\', '/');
                boolean directory = Files.isDirectory(path);
                byte[] bytes = directory ? new byte[0] : Files.readAllBytes(path);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                ZipEntry entry = new ZipEntry(directory ? name + "/" : name);
                entry.setTimeLocal(ENTRY_TIME);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING);
    }
}
