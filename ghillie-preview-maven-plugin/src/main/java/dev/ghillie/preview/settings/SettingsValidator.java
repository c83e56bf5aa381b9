package dev.ghillie.preview.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks every setting before anything is touched, and reports all problems at once, one line each,
 * naming the setting (its {@code ghillie.preview.*} property) and the fix.
 */
public final class SettingsValidator {

    private static final Pattern KIND_NAME = Pattern.compile("[a-z0-9.-]+");
    private static final int KIND_NAME_MAX = 50;
    private static final Pattern NUMBER_UNIT_PAIRS = Pattern.compile("(\\d+[A-Za-z\u00b5]+)+");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String VALUES_FILES = "ghillie.preview.valuesFiles (HELM_ARGS --values)";

    private SettingsValidator() {}

    public static void validate(PreviewSettings settings) {
        List<String> problems = new ArrayList<>();
        switch (settings.provider().kind()) {
            case K3D -> clusterName(settings.clusterName(), problems);
            case KIND -> kindClusterName(settings.clusterName(), problems);
            case EXISTING -> {
                // the cluster is the context's: ghillie.preview.cluster names nothing there
            }
        }
        if (settings.provider().kind() != ProviderKind.K3D
                && settings.registry().isPresent()) {
            problems.add("ghillie.preview.registry names a k3d registry, and ghillie.preview.provider is "
                    + settings.provider().kind().id()
                    + ": unset it (on existing, push with ghillie.preview.imageTarget=registry and the registry host in"
                    + " ghillie.preview.imageName)");
        }
        // These may come from the environment too: the label names where, as the parameters table does.
        dnsLabel(
                "ghillie.preview.namespace (GHILLIE_K3D_NAMESPACE, GHILLIE_NAMESPACE)",
                settings.namespace(),
                63,
                problems);
        // Helm limits release names to 53 characters (it appends suffixes to build object names).
        dnsLabel("ghillie.preview.release (GHILLIE_RELEASE)", settings.release(), 53, problems);
        port("ghillie.preview.port", settings.ingressPort(), problems);
        port("ghillie.preview.localPort", settings.localPort(), problems);
        if (settings.agents() < 0 || settings.agents() > 9) {
            problems.add("ghillie.preview.agents=" + settings.agents() + " is out of range: use 0 to 9 agent nodes");
        }
        positive("ghillie.preview.clusterTimeout", settings.clusterTimeout(), problems);
        positive("ghillie.preview.rolloutTimeout", settings.rolloutTimeout(), problems);
        positive("ghillie.preview.platformTimeout", settings.platform().timeout(), problems);
        chart(settings.chartDir(), problems);
        for (Path values : settings.valuesFiles()) {
            valuesFile(values, problems);
        }
        settings.service().validate(problems);
        if (!problems.isEmpty()) {
            throw new SettingsException(String.join(System.lineSeparator(), problems));
        }
    }

    /** k3d's rule (pkg/client/clusterName.go): an RFC 1123 label of at most 32 characters. */
    static void clusterName(String name, List<String> problems) {
        if (name == null || name.length() > 32 || !DNS_LABEL.matcher(name).matches()) {
            problems.add("ghillie.preview.cluster='" + name
                    + "' is not a valid k3d cluster name: use at most 32 lower-case letters,"
                    + " digits and '-', starting and ending with a letter or digit (or set GHILLIE_K3D_CLUSTER)");
        }
    }

    /**
     * kind's rule (pkg/internal/apis/config/validate.go): {@code ^[a-z0-9.-]+$}; above 50 characters kind warns that it
     * may not work on some systems (clusterNameMax), which a preview does not risk.
     */
    static void kindClusterName(String name, List<String> problems) {
        if (name == null
                || name.length() > KIND_NAME_MAX
                || !KIND_NAME.matcher(name).matches()) {
            problems.add("ghillie.preview.cluster='" + name + "' is not a valid kind cluster name: use at most "
                    + KIND_NAME_MAX
                    + " lower-case letters, digits, '.' and '-' (kind's ^[a-z0-9.-]+$; or set GHILLIE_K3D_CLUSTER)");
        }
    }

    private static void dnsLabel(String setting, String value, int maxLength, List<String> problems) {
        if (value == null
                || value.length() > maxLength
                || !DNS_LABEL.matcher(value).matches()) {
            problems.add(setting + "='" + value + "' is not a valid name: use at most " + maxLength
                    + " lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
    }

    private static void port(String setting, int port, List<String> problems) {
        if (port < 0 || port > 65535) {
            problems.add(setting + "=" + port + " is not a port: use 1 to 65535, or 0 to pick a free loopback port");
        }
    }

    private static void positive(String setting, Duration duration, List<String> problems) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            problems.add(setting + " must be positive, e.g. 300s or 5m");
        }
    }

    private static void chart(Path chartDir, List<String> problems) {
        if (!Files.isRegularFile(chartDir.resolve("Chart.yaml"))) {
            problems.add("ghillie.preview.chart (GHILLIE_CHART): no Helm chart at " + chartDir
                    + " (no Chart.yaml): point it at the chart directory, or leave it unset for charts/ghillie at the repository root"
                    + " (the plugin's own chart when there is none)");
        }
    }

    private static void valuesFile(Path values, List<String> problems) {
        if (!Files.isRegularFile(values)) {
            problems.add(VALUES_FILES + ": " + values + " does not exist");
            return;
        }
        try {
            YAML.readTree(values.toFile());
        } catch (IOException e) {
            String reason = e.getMessage() == null
                    ? ""
                    : e.getMessage().lines().findFirst().orElse("");
            problems.add(VALUES_FILES + ": " + values + " is not valid YAML: " + reason);
        }
    }

    /**
     * Parses a duration as k3d users write it (300s, 5m, 1m30s, 500ms: fabric8's Kubernetes duration), as ISO-8601 (PT5M)
     * or as bare seconds, for a named setting. fabric8 skips text it does not understand (5m30 would be 5m), so the whole
     * value must be number-unit pairs first.
     */
    public static Duration duration(String setting, String text) {
        String value = text.strip();
        try {
            if (value.toUpperCase(Locale.ROOT).startsWith("PT")) {
                return Duration.parse(value);
            }
            if (value.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(value));
            }
            if (NUMBER_UNIT_PAIRS.matcher(value).matches()) {
                return io.fabric8.kubernetes.api.model.Duration.parse(value).getDuration();
            }
        } catch (ParseException | RuntimeException e) {
            // reported below
        }
        throw new SettingsException(setting + "='" + text + "' is not a duration: use e.g. 300s, 5m or 1m30s");
    }
}
