package dev.ghillie.preview.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds executables on a PATH given as a value (not the JVM's own), the way a shell would: the first
 * directory holding an executable regular file of that name wins.
 */
public final class ExecutableLocator {

    private final List<Path> directories;

    public ExecutableLocator(String path) {
        this.directories = Arrays.stream((path == null ? "" : path).split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(ExecutableLocator::toPath)
                .flatMap(Optional::stream)
                .toList();
    }

    /** Uses the {@code PATH} entry of {@code environment} (empty PATH when there is none). */
    public static ExecutableLocator fromEnvironment(Map<String, String> environment) {
        return new ExecutableLocator(environment.get("PATH"));
    }

    /**
     * @param name a bare name such as {@code k3d}, or a path (containing a separator) used as is
     * @return the absolute path of the executable, or empty when the PATH has none
     */
    public Optional<Path> find(String name) {
        if (name.contains("/") || name.contains(File.separator)) {
            return toPath(name).filter(ExecutableLocator::isExecutableFile).map(Path::toAbsolutePath);
        }
        for (Path directory : directories) {
            for (String candidate : candidates(name)) {
                Path file = directory.resolve(candidate);
                if (isExecutableFile(file)) {
                    return Optional.of(file.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }

    public List<Path> directories() {
        return directories;
    }

    private static List<String> candidates(String name) {
        // Windows finds k3d.exe for "k3d"; elsewhere the name is exact.
        return File.separatorChar == '\\' ? List.of(name + ".exe", name + ".cmd", name + ".bat", name) : List.of(name);
    }

    private static boolean isExecutableFile(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }

    private static Optional<Path> toPath(String value) {
        try {
            return Optional.of(Path.of(value));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
