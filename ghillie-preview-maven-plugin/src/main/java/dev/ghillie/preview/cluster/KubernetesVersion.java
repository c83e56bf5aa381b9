package dev.ghillie.preview.cluster;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes version as k3d and the API server print it ({@code v1.28.8-k3s1}, {@code v1.31.5+k3s1},
 * {@code v1.20.2}); only major and minor are compared, as a chart's {@code kubeVersion: ">=1.29.0-0"}
 * admits every 1.29 build.
 *
 * @param major e.g. 1
 * @param minor e.g. 28
 * @param text  as printed, e.g. {@code v1.28.8-k3s1}
 */
public record KubernetesVersion(int major, int minor, String text) {

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.\\d+)?\\S*");

    public static Optional<KubernetesVersion> parse(String text) {
        Matcher matcher = VERSION.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new KubernetesVersion(
                Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), text.strip()));
    }

    /** e.g. {@code 1.29}, for a minimum. */
    public static KubernetesVersion minor(int major, int minor) {
        return new KubernetesVersion(major, minor, major + "." + minor);
    }

    public boolean isOlderThan(KubernetesVersion other) {
        return major != other.major ? major < other.major : minor < other.minor;
    }

    @Override
    public String toString() {
        return text;
    }
}
