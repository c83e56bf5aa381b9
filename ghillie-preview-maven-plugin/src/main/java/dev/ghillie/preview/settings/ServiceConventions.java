package dev.ghillie.preview.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the preview assumes about the service it runs: the port it listens on and the variable that
 * tells it so, the paths its probes ask, the Secret the chart reads with {@code envFrom} and the
 * names of the two variables the plugin writes into it, and whether {@code /version} proves the
 * image. The defaults are ghillie-runtime's; any other service sets what differs.
 *
 * @param portVariable   the environment variable that tells the service its port; empty for none
 * @param readyPath      the readiness probe's path
 * @param databaseUrlKey the key (and so, through {@code envFrom}, the variable) holding the PostgreSQL URL
 * @param valkeyUrlKey   the key (and variable) holding the Valkey URL
 */
public record ServiceConventions(
        int containerPort,
        String healthPath,
        String readyPath,
        Optional<String> portVariable,
        String appSecret,
        String databaseUrlKey,
        String valkeyUrlKey,
        VersionCheck versionCheck) {

    public static final int DEFAULT_CONTAINER_PORT = 8080;
    public static final String DEFAULT_HEALTH_PATH = "/health";
    /** ghillie-runtime's readiness path, which checks its database and Valkey; other services default to their health path. */
    public static final String RUNTIME_READY_PATH = "/ready";

    public static final String DEFAULT_PORT_VARIABLE = "GHILLIE_PORT";
    public static final String DEFAULT_APP_SECRET = "ghillie";
    public static final String DEFAULT_DATABASE_URL_KEY = "DATABASE_URL";
    public static final String DEFAULT_VALKEY_URL_KEY = "VALKEY_URL";

    /** What the chart sets to the image's digest (image.digest / image.buildDigest), for /version. */
    static final String IMAGE_DIGEST_VARIABLE = "GHILLIE_IMAGE_DIGEST";

    /** ghillie-runtime's conventions. */
    public static final ServiceConventions DEFAULTS = new ServiceConventions(
            DEFAULT_CONTAINER_PORT,
            DEFAULT_HEALTH_PATH,
            RUNTIME_READY_PATH,
            Optional.of(DEFAULT_PORT_VARIABLE),
            DEFAULT_APP_SECRET,
            DEFAULT_DATABASE_URL_KEY,
            DEFAULT_VALKEY_URL_KEY,
            VersionCheck.AUTO);

    /** POSIX's portable variable names; Kubernetes' envFrom skips keys that are not valid variable names. */
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** An HTTP path as a probe takes it: absolute, no spaces, no query or fragment. */
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*");
    /** RFC 1123 subdomain: what Kubernetes accepts as a Secret's name. */
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    public ServiceConventions {
        Objects.requireNonNull(portVariable, "portVariable");
        Objects.requireNonNull(versionCheck, "versionCheck");
    }

    /**
     * From the goals' raw values; null or blank means the default, except the port variable, where
     * blank means none. Values are checked in {@link #validate}, with every other setting.
     */
    public static ServiceConventions of(
            String containerPort,
            String healthPath,
            String readyPath,
            String portVariable,
            String appSecret,
            String databaseUrlKey,
            String valkeyUrlKey,
            String versionCheck) {
        String health = given(healthPath).orElse(DEFAULT_HEALTH_PATH);
        // ghillie-runtime pairs /health with /ready; a service that names its own health path is asked that for
        // readiness too.
        String ready = given(readyPath).orElse(health.equals(DEFAULT_HEALTH_PATH) ? RUNTIME_READY_PATH : health);
        return new ServiceConventions(
                given(containerPort).map(ServiceConventions::port).orElse(DEFAULT_CONTAINER_PORT),
                health,
                ready,
                portVariable == null ? Optional.of(DEFAULT_PORT_VARIABLE) : given(portVariable),
                given(appSecret).orElse(DEFAULT_APP_SECRET),
                given(databaseUrlKey).orElse(DEFAULT_DATABASE_URL_KEY),
                given(valkeyUrlKey).orElse(DEFAULT_VALKEY_URL_KEY),
                given(versionCheck).map(VersionCheck::parse).orElse(VersionCheck.AUTO));
    }

    /** One line per wrong value, naming its property and the fix. */
    public void validate(List<String> problems) {
        if (containerPort < 1 || containerPort > 65535) {
            problems.add("ghillie.preview.containerPort=" + containerPort
                    + " is not a port: use the port the service listens on, 1 to 65535");
        }
        path("ghillie.preview.healthPath", healthPath, problems);
        path("ghillie.preview.readyPath", readyPath, problems);
        portVariable.ifPresent(name -> variable(
                "ghillie.preview.portVariable",
                name,
                ", or set it empty when the service does not read its port from the environment",
                problems));
        if (appSecret.length() > 253 || !SUBDOMAIN.matcher(appSecret).matches()) {
            problems.add("ghillie.preview.appSecret='" + appSecret
                    + "' is not a valid Secret name: use lower-case letters, digits, '-'"
                    + " and '.', starting and ending with a letter or digit");
        }
        variable("ghillie.preview.databaseUrlKey", databaseUrlKey, "", problems);
        variable("ghillie.preview.valkeyUrlKey", valkeyUrlKey, "", problems);
        notSetByTheChart("ghillie.preview.databaseUrlKey", databaseUrlKey, problems);
        notSetByTheChart("ghillie.preview.valkeyUrlKey", valkeyUrlKey, problems);
        if (databaseUrlKey.equals(valkeyUrlKey)) {
            problems.add("ghillie.preview.databaseUrlKey and ghillie.preview.valkeyUrlKey are both '" + databaseUrlKey
                    + "': give the two URLs different names");
        }
    }

    /**
     * The chart values these conventions set, as a values file holds them (so the user's own values
     * files and {@code --set} values still win): the port and its variable, the probes' paths, the Secret.
     */
    public Map<String, Object> chartValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("containerPort", containerPort);
        values.put("portVariable", portVariable.orElse(""));
        // Insertion order at every level: the values become a file whose bytes are part of the release's fingerprint,
        // and Map.of's order changes from one JVM to the next (a no-op re-run would upgrade the release).
        Map<String, Object> probes = new LinkedHashMap<>();
        probes.put("startup", Map.of("path", healthPath));
        probes.put("liveness", Map.of("path", healthPath));
        probes.put("readiness", Map.of("path", readyPath));
        values.put("probes", probes);
        values.put("secrets", new LinkedHashMap<>(Map.of("existingSecretName", appSecret)));
        return values;
    }

    /** The chart's env (the port variable, the digest) wins over envFrom's keys: a URL under such a name never reaches the service. */
    private void notSetByTheChart(String setting, String key, List<String> problems) {
        if (portVariable.equals(Optional.of(key))) {
            problems.add(setting + "='" + key
                    + "' is also ghillie.preview.portVariable, which the pod sets to the port and which"
                    + " would hide the URL: give the URL another name");
        } else if (IMAGE_DIGEST_VARIABLE.equals(key)) {
            problems.add(setting + "='" + key
                    + "' is the variable the chart sets to the image's digest, which would hide the URL:"
                    + " give the URL another name");
        }
    }

    private static void path(String setting, String path, List<String> problems) {
        if (!PATH.matcher(path).matches()) {
            problems.add(setting + "='" + path
                    + "' is not an HTTP path: use one starting with '/', without spaces, query or fragment,"
                    + " e.g. /healthz");
        }
    }

    private static void variable(String setting, String name, String orElse, List<String> problems) {
        if (!VARIABLE.matcher(name).matches()) {
            problems.add(setting + "='" + name
                    + "' is not an environment variable name: use letters, digits and '_', not starting"
                    + " with a digit" + orElse);
        }
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SettingsException("ghillie.preview.containerPort='" + text
                    + "' is not a port: use the port the service listens on," + " 1 to 65535");
        }
    }

    private static Optional<String> given(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
