package dev.ghillie.preview.helm;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a chart comes from, so mirrored and air-gapped users can point elsewhere: a local chart
 * directory or packaged {@code .tgz}, a chart in a classic repository ({@code repositoryUrl} plus
 * {@code chart}), or an OCI reference ({@code oci://…}). Remote charts are pinned to a version.
 */
public sealed interface ChartSource {

    /** A chart on disk: a directory with Chart.yaml, or a packaged .tgz. */
    record Local(Path path) implements ChartSource {
        @Override
        public Optional<String> pinnedVersion() {
            return Optional.empty();
        }
    }

    /** A chart in a classic Helm repository, e.g. https://cloudnative-pg.github.io/charts + cloudnative-pg. */
    record Repository(String repositoryUrl, String chart, String version) implements ChartSource {
        @Override
        public Optional<String> pinnedVersion() {
            return Optional.ofNullable(version);
        }
    }

    /** A chart in an OCI registry, e.g. oci://ghcr.io/hyperspike/valkey-operator. */
    record Oci(String reference, String version) implements ChartSource {
        @Override
        public Optional<String> pinnedVersion() {
            return Optional.ofNullable(version);
        }
    }

    Optional<String> pinnedVersion();

    /**
     * Reads the user's text form: {@code oci://REF}, {@code https://REPO#CHART}, or a path
     * (relative paths against {@code baseDir}). The version applies to remote charts.
     */
    static ChartSource parse(String text, String version, Path baseDir) {
        String value = text.strip();
        if (value.startsWith("oci://")) {
            return new Oci(value, version);
        }
        if (value.startsWith("https://") || value.startsWith("http://")) {
            int hash = value.lastIndexOf('#');
            if (hash < 0 || hash == value.length() - 1) {
                throw new IllegalArgumentException("a repository chart source needs the chart name after '#', e.g. "
                        + "https://cloudnative-pg.github.io/charts#cloudnative-pg");
            }
            return new Repository(value.substring(0, hash), value.substring(hash + 1), version);
        }
        return new Local(baseDir.resolve(value).normalize());
    }

    default String describe() {
        return switch (this) {
            case Local local -> local.path().toString();
            case Repository repository -> repository.repositoryUrl() + "#" + repository.chart() + versionSuffix();
            case Oci oci -> oci.reference() + versionSuffix();
        };
    }

    private String versionSuffix() {
        return pinnedVersion().map(v -> "@" + v).orElse("");
    }
}
