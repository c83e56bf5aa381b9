package dev.ghillie.preview.image;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The platforms one image is built for, and who chose them: the {@code ghillie.preview.platforms} setting, the
 * cluster's nodes ({@code preview:up}), or this machine when there is no cluster to ask ({@code preview:image}).
 * Jib builds {@code linux/amd64} unless told otherwise, which an arm64 machine's cluster would run emulated or
 * not at all.
 */
public record TargetPlatforms(List<ImagePlatform> platforms, Source source) {

    public static final String PROPERTY = "ghillie.preview.platforms";

    /** Who chose the platforms, in the words an error line uses. */
    public enum Source {
        SETTING(PROPERTY),
        CLUSTER_NODES("the cluster's nodes"),
        THIS_MACHINE("this machine");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public TargetPlatforms {
        platforms = List.copyOf(platforms);
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("no platforms");
        }
    }

    /** The platform of the machine whose JVM reports {@code osArch}. */
    public static TargetPlatforms ofMachine(String osArch) {
        return new TargetPlatforms(List.of(ImagePlatform.ofMachine(osArch)), Source.THIS_MACHINE);
    }

    /** The nodes' {@code kubernetes.io/arch} values, each once, in a stable order. */
    public static TargetPlatforms ofNodes(Collection<String> architectures) {
        return new TargetPlatforms(
                new TreeSet<>(architectures).stream().map(ImagePlatform::linux).toList(), Source.CLUSTER_NODES);
    }

    /**
     * The setting's value: {@code os/architecture}, comma-separated, each once.
     *
     * @throws ImageBuildException naming the setting and what it takes
     */
    public static TargetPlatforms parse(String setting) {
        List<ImagePlatform> platforms = new ArrayList<>();
        for (String item : setting.split(",", -1)) {
            String text = item.strip();
            String[] parts = text.split("/", -1);
            if (parts.length != 2 || !parts[0].equals("linux") || !ImagePlatform.ARCHITECTURES.contains(parts[1])) {
                throw new ImageBuildException(PROPERTY + "='" + setting + "': '" + text
                        + "' is not a platform; use linux/ARCH, comma-separated,"
                        + " e.g. linux/arm64 or linux/amd64,linux/arm64 (ARCH: "
                        + String.join(", ", new TreeSet<>(ImagePlatform.ARCHITECTURES)) + ")");
            }
            ImagePlatform platform = ImagePlatform.linux(parts[1]);
            if (platforms.contains(platform)) {
                throw new ImageBuildException(
                        PROPERTY + "='" + setting + "' names " + platform + " twice: name each platform once");
            }
            platforms.add(platform);
        }
        return new TargetPlatforms(platforms, Source.SETTING);
    }

    /** Whether one image (not an index of several) is built. */
    public boolean single() {
        return platforms.size() == 1;
    }

    /** The one platform of a {@link #single()} build. */
    public ImagePlatform only() {
        if (!single()) {
            throw new IllegalStateException("built for " + this);
        }
        return platforms.getFirst();
    }

    /** {@code linux/amd64} or {@code linux/amd64,linux/arm64}, as the setting takes them. */
    @Override
    public String toString() {
        return platforms.stream().map(ImagePlatform::toString).collect(Collectors.joining(","));
    }

    /** {@code linux/arm64 (the cluster's nodes)}: which platforms, and why these. */
    public String describe() {
        return this + " (" + source.description() + ")";
    }
}
