package dev.ghillie.preview.settings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a setting the documented way: the {@code ghillie.preview.*} property (or POM parameter)
 * wins over the environment variables, in the order given (the {@code GHILLIE_K3D_*} ones first,
 * then the design's environment interface: {@code GHILLIE_NAMESPACE}, {@code INGRESS_PORT}, ...),
 * which win over the default. Blank counts as not set.
 */
public final class SettingSources {

    /** The design's variable for extra Helm arguments, read by {@link #chartOverrides}. */
    public static final String HELM_ARGS = "HELM_ARGS";

    private final Map<String, String> environment;

    public SettingSources(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The parameter when given, else the first of the variables that is set; empty when none is. */
    public Optional<SettingValue> find(String parameter, List<String> environmentVariables) {
        if (parameter != null && !parameter.isBlank()) {
            return Optional.of(new SettingValue(parameter.strip(), Optional.empty()));
        }
        for (String variable : environmentVariables) {
            String fromEnvironment = environment.get(variable);
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                return Optional.of(new SettingValue(fromEnvironment.strip(), Optional.of(variable)));
            }
        }
        return Optional.empty();
    }

    public String text(String parameter, String environmentVariable, String fallback) {
        return text(parameter, List.of(environmentVariable), fallback);
    }

    public String text(String parameter, List<String> environmentVariables, String fallback) {
        return find(parameter, environmentVariables).map(SettingValue::text).orElse(fallback);
    }

    public int port(String setting, String parameter, String environmentVariable, int fallback) {
        return port(setting, parameter, List.of(environmentVariable), fallback);
    }

    /** A loopback port, 0 for a free one; a wrong value names the variable it was read from. */
    public int port(String setting, String parameter, List<String> environmentVariables, int fallback) {
        Optional<SettingValue> found = find(parameter, environmentVariables);
        if (found.isEmpty()) {
            return fallback;
        }
        SettingValue value = found.get();
        try {
            int port = Integer.parseInt(value.text());
            // A property's range is checked with every other setting (SettingsValidator); a variable's
            // here, where it is still known which one to name.
            if (value.environmentVariable().isEmpty() || port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SettingsException(setting + "='" + value.text()
                + "' is not a port: use 1 to 65535, or 0 to pick a free loopback port" + value.readFrom());
    }

    /**
     * The extra values files and {@code --set} values: each the parameter's when given, else what
     * {@code HELM_ARGS} says (parsed only then: a variable nobody reads cannot fail the build), else
     * none. Relative files in {@code HELM_ARGS} resolve against {@code projectDir}.
     */
    public ChartOverrides chartOverrides(List<Path> valuesFiles, Map<String, String> setValues, Path projectDir) {
        boolean filesGiven = !valuesFiles.isEmpty();
        boolean valuesGiven = !setValues.isEmpty();
        ChartOverrides fromEnvironment = filesGiven && valuesGiven
                ? ChartOverrides.NONE
                : find(null, List.of(HELM_ARGS))
                        .map(value -> HelmArgsParser.parse(value.text(), projectDir))
                        .orElse(ChartOverrides.NONE);
        return new ChartOverrides(
                filesGiven ? valuesFiles : fromEnvironment.valuesFiles(),
                valuesGiven ? setValues : fromEnvironment.setValues());
    }
}
