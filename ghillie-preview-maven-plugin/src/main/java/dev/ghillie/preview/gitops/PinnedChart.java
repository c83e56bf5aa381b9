package dev.ghillie.preview.gitops;

/**
 * A platform chart at a pinned version, and the Flux {@code HelmRepository} it comes from.
 *
 * @param key        its name in {@code ghillie.preview.gitops.chartVersions}
 * @param repository the HelmRepository's name (in flux-system)
 * @param url        the repository's address
 * @param chart      the chart's name in the repository
 * @param version    the pinned version
 */
public record PinnedChart(String key, String repository, String url, String chart, String version) {

    PinnedChart withVersion(String other) {
        return new PinnedChart(key, repository, url, chart, other);
    }
}
