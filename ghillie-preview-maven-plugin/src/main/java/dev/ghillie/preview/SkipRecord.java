package dev.ghillie.preview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-line file holding the fingerprint of the last piece of work that succeeded, so that the next run can
 * skip the same work. A record that cannot be read or written counts as none: the work runs again, which is
 * slower, never wrong.
 *
 * @param file where the fingerprint is kept
 */
public record SkipRecord(Path file) {

    /** Whether the record holds exactly {@code fingerprint}. */
    public boolean holds(String fingerprint) {
        try {
            return Files.isRegularFile(file) && Files.readString(file).strip().equals(fingerprint);
        } catch (IOException e) {
            return false;
        }
    }

    /** Records {@code fingerprint} for the work that just succeeded. */
    public void write(String fingerprint) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, fingerprint + "\n");
        } catch (IOException e) {
            // Without the record the next run does the work again.
        }
    }

    /** Before work that may fail half way: nothing may vouch for what it leaves behind. */
    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // What the fingerprint covers (a file's size and time) still tells changed output apart.
        }
    }
}
