package dev.ghillie.preview.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutableLocatorTest {

    @TempDir
    Path tmp;

    private Path file(String dir, String name, String permissions) throws IOException {
        Path file = Files.createDirectories(tmp.resolve(dir)).resolve(name);
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void theFirstExecutableOnThePathWins() throws IOException {
        file("a", "k3d", "rw-r--r--");
        Path second = file("b", "k3d", "rwxr-xr-x");
        file("c", "k3d", "rwxr-xr-x");
        String path = String.join(
                File.pathSeparator,
                tmp.resolve("a").toString(),
                "",
                tmp.resolve("b").toString(),
                tmp.resolve("c").toString());

        assertThat(new ExecutableLocator(path).find("k3d")).contains(second);
    }

    @Test
    void absentAndDirectoriesAreNotFound() throws IOException {
        Files.createDirectories(tmp.resolve("a/docker"));

        assertThat(new ExecutableLocator(tmp.resolve("a").toString()).find("docker"))
                .isEmpty();
        assertThat(new ExecutableLocator(null).find("docker")).isEmpty();
    }

    @Test
    void aPathIsUsedAsIs() throws IOException {
        Path tool = file("x", "tool", "rwxr-xr-x");

        assertThat(new ExecutableLocator("").find(tool.toString())).contains(tool);
    }
}
