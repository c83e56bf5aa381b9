package dev.ghillie.preview.mojo;

import dev.ghillie.preview.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
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
 * dependencies). It covers the module's inputs (its POM, source roots and resource directories, as Maven
 * lists them), the plan of plugin goals with their configuration, the properties those may read, the
 * dependencies' files, and the git commit (for the build-info a plugin like git-commit-id writes). Not the
 * whole module directory: logs and IDE files there change without changing the build. Sizes and
 * modification times stand for file contents: the check must cost far less than the build it saves.
 */
final class BuildInputs {

    private final Path moduleDir;
    private final List<Path> inputs;
    private final List<MojoExecution> plan;
    private final Map<?, ?> properties;
    private final Collection<Artifact> dependencies;

    /**
     * @param moduleDir the module's directory (paths are recorded relative to it; git is looked up from it)
     * @param inputs    files and directories the build reads: the POM, source roots, resource directories
     */
    BuildInputs(Path moduleDir, List<Path> inputs, List<MojoExecution> plan, Map<?, ?> properties, Collection<Artifact> dependencies) {
        this.moduleDir = moduleDir;
        this.inputs = List.copyOf(inputs);
        this.plan = plan;
        this.properties = properties;
        this.dependencies = dependencies;
    }

    String fingerprint() {
        MessageDigest digest = Sha256.newDigest();
        List<String> lines = new ArrayList<>();
        for (MojoExecution execution : plan) {
            lines.add("goal " + execution.getGroupId() + ":" + execution.getArtifactId() + ":" + execution.getVersion() + ":"
                    + execution.getGoal() + "@" + execution.getExecutionId() + " " + execution.getConfiguration());
        }
        new TreeMap<>(stringKeys(properties)).forEach((key, value) -> lines.add("property " + key + "=" + value));
        for (Artifact artifact : dependencies) {
            lines.add("dependency " + artifact.getId() + " " + describe(artifact.getFile() == null ? null : artifact.getFile().toPath()));
        }
        lines.addAll(files());
        gitHead(moduleDir).ifPresent(head -> lines.add("git " + head));
        for (String line : lines) {
            digest.update(line.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private List<String> files() {
        List<String> lines = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                lines.add("input " + input + " absent");
                continue;
            }
            try (Stream<Path> walk = Files.walk(input)) {
                walk.filter(Files::isRegularFile)
                        .map(path -> "file " + moduleDir.relativize(path.toAbsolutePath()) + " " + describe(path))
                        .sorted()
                        .forEach(lines::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    private static String describe(Path file) {
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
                            : describe(dir.resolve(".git/packed-refs"))));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> stringKeys(Map<?, ?> map) {
        Map<String, String> out = new TreeMap<>();
        map.forEach((key, value) -> out.put(String.valueOf(key), String.valueOf(value)));
        return out;
    }
}
