package dev.ghillie.preview.gitops;

import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.ValkeyOperator;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The versions of the platform's charts, pinned here and nowhere else: the tree's HelmReleases read
 * them, and CloudNativePG's and Valkey's are the same pins the local preview installs, so the cloud
 * and the laptop run the same operators. {@code ghillie.preview.gitops.chartVersions} overrides them.
 */
public record PlatformCharts(Map<String, PinnedChart> charts) {

    static final String SETTING = "ghillie.preview.gitops.chartVersions";
    public static final String TRAEFIK = "traefik";
    public static final String CERT_MANAGER = "cert-manager";
    public static final String EXTERNAL_DNS = "external-dns";
    public static final String VAULT = "vault";
    public static final String EXTERNAL_SECRETS = "external-secrets";
    public static final String CLOUDNATIVE_PG = "cloudnative-pg";
    public static final String VALKEY_OPERATOR = "valkey-operator";

    /** A chart version as Helm reads one: SemVer, optionally with a leading v (cert-manager's). */
    private static final Pattern VERSION = Pattern.compile("v?[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.+-]+)?");

    public PlatformCharts {
        charts = Map.copyOf(charts);
    }

    /** The pins this release of the plugin was checked against (sources in docs/gitops.md). */
    public static PlatformCharts pinned() {
        Map<String, PinnedChart> charts = new TreeMap<>();
        add(charts, new PinnedChart(TRAEFIK, "traefik", "https://traefik.github.io/charts", "traefik", "41.3.0"));
        add(charts, new PinnedChart(CERT_MANAGER, "jetstack", "https://charts.jetstack.io", "cert-manager", "v1.21.1"));
        add(
                charts,
                new PinnedChart(
                        EXTERNAL_DNS,
                        "external-dns",
                        "https://kubernetes-sigs.github.io/external-dns/",
                        "external-dns",
                        "1.21.1"));
        add(charts, new PinnedChart(VAULT, "hashicorp", "https://helm.releases.hashicorp.com", "vault", "0.34.1"));
        add(
                charts,
                new PinnedChart(
                        EXTERNAL_SECRETS,
                        "external-secrets",
                        "https://charts.external-secrets.io",
                        "external-secrets",
                        "2.9.0"));
        add(
                charts,
                fromLocalPin(
                        CLOUDNATIVE_PG,
                        "cloudnative-pg",
                        PlatformSettings.CLOUDNATIVE_PG_CHART,
                        PlatformSettings.CLOUDNATIVE_PG_VERSION));
        add(
                charts,
                fromLocalPin(
                        VALKEY_OPERATOR,
                        "valkey",
                        ValkeyOperator.VALKEY_IO.chart(),
                        ValkeyOperator.VALKEY_IO.chartVersion()));
        return new PlatformCharts(charts);
    }

    /** These pins with {@code versions} (key to version) in place of theirs; an unknown key or a version Helm cannot read is refused. */
    public PlatformCharts withVersions(Map<String, String> versions) {
        Map<String, PinnedChart> changed = new TreeMap<>(charts);
        for (Map.Entry<String, String> entry : versions.entrySet()) {
            PinnedChart chart = charts.get(entry.getKey());
            if (chart == null) {
                throw new GitOpsException(SETTING + ": '" + entry.getKey() + "' is not a platform chart: use one of "
                        + String.join(", ", new TreeMap<>(charts).keySet()));
            }
            if (!VERSION.matcher(entry.getValue()).matches()) {
                throw new GitOpsException(SETTING + ": '" + entry.getValue() + "' is not a chart version for "
                        + entry.getKey() + ": use the chart's SemVer version, e.g. " + chart.version());
            }
            changed.put(entry.getKey(), chart.withVersion(entry.getValue()));
        }
        return new PlatformCharts(changed);
    }

    public PinnedChart chart(String key) {
        PinnedChart chart = charts.get(key);
        if (chart == null) {
            throw new IllegalArgumentException("no pinned chart " + key);
        }
        return chart;
    }

    /** Each chart repository once, sorted by name (two charts may share one). */
    Collection<PinnedChart> repositories() {
        Map<String, PinnedChart> byRepository = new TreeMap<>();
        for (PinnedChart chart : charts.values()) {
            byRepository.putIfAbsent(chart.repository(), chart);
        }
        return List.copyOf(byRepository.values());
    }

    /** The local preview's pins are {@code <repository URL>#<chart>}, the form ghillie.preview.cnpgChart takes. */
    private static PinnedChart fromLocalPin(String key, String repository, String source, String version) {
        int hash = source.indexOf('#');
        return new PinnedChart(key, repository, source.substring(0, hash), source.substring(hash + 1), version);
    }

    private static void add(Map<String, PinnedChart> charts, PinnedChart chart) {
        charts.put(chart.key(), chart);
    }
}
