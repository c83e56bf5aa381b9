package dev.ghillie.preview.mojo;

import dev.ghillie.preview.FileStamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecution;

/**
 * A fingerprint of what the module's build reads, so that a typed {@code preview:up} with nothing changed
 * does not run the module's plugins again (Skaffold decides rebuilds the same way, from its artifacts'
 * dependencies). It covers the module's directory tree (sources, resources, the POM, and whatever else a
 * plugin may read there: a {@code package.json}, {@code src/main/proto}, ...) except what is never an input:
 * the build directory, dot entries ({@code .git}, {@code .idea}), {@code src/test} (no test runs here),
 * {@code node_modules} and {@code *.log} files; resource directories outside the module; the plan of plugin
 * goals with their configuration; the properties those may read (not ours, {@code ghillie.preview.*}, which
 * the goals themselves set); the dependencies' files; and the git commit (for the build-info a plugin like
 * git-commit-id writes). Sizes and modification times stand for file contents: the check must cost far less
 * than the build it saves.
 */
final class BuildInputs {

    private final Path moduleDir;
    private final Path buildDir;
    private final List<Path> resourceDirs;
    private final List<MojoExecution> plan;
    private final Map<?, ?> properties;
    private final Collection<Artifact> dependencies;

    /**
     * @param moduleDir    the module's directory, walked for inputs
     * @param buildDir     the build directory ({@code target}), never an input
     * @param resourceDirs resource directories as the POM declares them; those outside the module are walked too
     */
    BuildInputs(Path moduleDir, Path buildDir, List<Path> resourceDirs, List<MojoExecution> plan, Map<?, ?> properties,
            Collection<Artifact> dependencies) {
        this.moduleDir = moduleDir.toAbsolutePath().normalize();
        this.buildDir = buildDir.toAbsolutePath().normalize();
        this.resourceDirs = resourceDirs.stream().map(dir -> dir.toAbsolutePath().normalize()).toList();
        this.plan = plan;
        this.properties = properties;
        this.dependencies = dependencies;
    }

    /** The fingerprint; empty when the inputs could not be read, which means: build. */
    Optional<String> fingerprint() {
        List<String> lines = new ArrayList<>();
        for (MojoExecution execution : plan) {
            lines.add("goal " + execution.getGroupId() + ":" + execution.getArtifactId() + ":" + execution.getVersion() + ":"
                    + execution.getGoal() + "@" + execution.getExecutionId() + " " + execution.getConfiguration());
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        properties.forEach((key, value) -> sorted.put(String.valueOf(key), String.valueOf(value)));
        sorted.forEach((key, value) -> {
            if (!key.startsWith("ghillie.preview.")) {
                lines.add("property " + key + "=" + value);
            }
        });
        for (Artifact artifact : dependencies) {
            lines.add("dependency " + artifact.getId() + " " + FileStamps.stamp(artifact.getFile() == null ? null : artifact.getFile().toPath()));
        }
        try {
            lines.addAll(FileStamps.tree(moduleDir, this::notAModuleInput, file -> file.getFileName().toString().endsWith(".log")));
            for (Path dir : resourceDirs) {
                if (!dir.startsWith(moduleDir)) {
                    lines.addAll(FileStamps.tree(dir, subdir -> subdir.startsWith(buildDir), file -> false));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        gitHead(moduleDir).ifPresent(head -> lines.add("git " + head));
        return Optional.of(FileStamps.digest(lines));
    }

    /** A fingerprint of what a build left in {@code outputDir}; empty when it cannot be read. */
    static Optional<String> outputs(Path outputDir) {
        try {
            return Optional.of(FileStamps.digest(FileStamps.tree(outputDir)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The build directory, dot directories, the tests (none run here) and npm's downloads are never inputs. */
    private boolean notAModuleInput(Path dir) {
        String name = dir.getFileName().toString();
        return dir.startsWith(buildDir) || dir.equals(moduleDir.resolve("src/test")) || name.equals("node_modules");
    }

    /** The commit checked out in the nearest enclosing git work tree, when there is one. */
    static Optional<String> gitHead(Path from) {
        for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path head = dir.resolve(".git/HEAD");
            if (Files.isRegularFile(head)) {
                try {
                    String value = Files.readString(head).strip();
                    if (!value.startsWith("ref: ")) {
                        return Optional.of(value);
                    }
                    Path ref = dir.resolve(".git").resolve(value.substring(5));
                    // A packed ref has no file of its own; the branch name and packed-refs' state then stand for it.
                    return Optional.of(value + " " + (Files.isRegularFile(ref) ? Files.readString(ref).strip()
                            : FileStamps.stamp(dir.resolve(".git/packed-refs"))));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

}
