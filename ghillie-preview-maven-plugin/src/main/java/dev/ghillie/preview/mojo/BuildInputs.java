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
import java.util.stream.Stream;
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
    BuildInputs(
            Path moduleDir,
            Path buildDir,
            List<Path> resourceDirs,
            List<MojoExecution> plan,
            Map<?, ?> properties,
            Collection<Artifact> dependencies) {
        this.moduleDir = moduleDir.toAbsolutePath().normalize();
        this.buildDir = buildDir.toAbsolutePath().normalize();
        this.resourceDirs = resourceDirs.stream()
                .map(dir -> dir.toAbsolutePath().normalize())
                .toList();
        this.plan = plan;
        this.properties = properties;
        this.dependencies = dependencies;
    }

    /** The fingerprint; empty when the inputs could not be read, which means: build. */
    Optional<String> fingerprint() {
        List<String> lines = new ArrayList<>();
        for (MojoExecution execution : plan) {
            lines.add("goal " + execution.getGroupId() + ":" + execution.getArtifactId() + ":" + execution.getVersion()
                    + ":" + execution.getGoal() + "@" + execution.getExecutionId() + " "
                    + execution.getConfiguration());
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        properties.forEach((key, value) -> sorted.put(String.valueOf(key), String.valueOf(value)));
        sorted.forEach((key, value) -> {
            if (!key.startsWith("ghillie.preview.")) {
                lines.add("property " + key + "=" + value);
            }
        });
        try {
            for (Artifact artifact : dependencies) {
                // A jar is one line; a reactor module resolved to its target/classes is every file in it (a class
                // recompiled there changes that file, not the directory's own size or time).
                lines.add("dependency " + artifact.getId());
                lines.addAll(
                        artifact.getFile() == null
                                ? List.of("absent")
                                : FileStamps.tree(artifact.getFile().toPath()));
            }
            lines.addAll(FileStamps.tree(
                    moduleDir,
                    this::notAModuleInput,
                    file -> file.getFileName().toString().endsWith(".log")));
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

    /**
     * The commit checked out in the nearest enclosing git work tree, when there is one. A linked worktree's or a
     * submodule's {@code .git} is a file naming its gitdir; a worktree's branches live in the gitdir its
     * {@code commondir} names, loose or in {@code packed-refs}.
     */
    static Optional<String> gitHead(Path from) {
        for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path dotGit = dir.resolve(".git");
            if (Files.exists(dotGit)) {
                try {
                    Path gitDir = Files.isDirectory(dotGit) ? dotGit : gitdirNamedIn(dotGit);
                    String head = Files.readString(gitDir.resolve("HEAD")).strip();
                    if (!head.startsWith("ref: ")) {
                        return Optional.of(head);
                    }
                    Path commondir = gitDir.resolve("commondir");
                    Path common = Files.isRegularFile(commondir)
                            ? gitDir.resolve(Files.readString(commondir).strip())
                            : gitDir;
                    // A branch without a commit yet has no ref at all: its name stands for it.
                    return Optional.of(head
                            + commit(head.substring("ref: ".length()), gitDir, common)
                                    .map(c -> " " + c)
                                    .orElse(""));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Path gitdirNamedIn(Path dotGitFile) throws IOException {
        String line = Files.readString(dotGitFile).strip();
        if (!line.startsWith("gitdir: ")) {
            throw new IOException(dotGitFile + " names no gitdir");
        }
        return dotGitFile.resolveSibling(line.substring("gitdir: ".length()));
    }

    /** A ref's commit: its own file in the worktree's gitdir or the shared one, else its line in packed-refs. */
    private static Optional<String> commit(String ref, Path gitDir, Path common) throws IOException {
        for (Path loose : List.of(gitDir.resolve(ref), common.resolve(ref))) {
            if (Files.isRegularFile(loose)) {
                return Optional.of(Files.readString(loose).strip());
            }
        }
        Path packed = common.resolve("packed-refs");
        if (!Files.isRegularFile(packed)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(packed)) {
            return lines.filter(line -> line.endsWith(" " + ref))
                    .map(line -> line.substring(0, line.indexOf(' ')))
                    .findFirst();
        }
    }
}
