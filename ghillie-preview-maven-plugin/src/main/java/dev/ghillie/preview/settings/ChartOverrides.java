package dev.ghillie.preview.settings;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a user adds to the chart's own values: values files (applied in order, after the chart's
 * values-local.yaml) and {@code --set} values (applied last, later keys winning).
 */
public record ChartOverrides(List<Path> valuesFiles, Map<String, String> setValues) {

    public static final ChartOverrides NONE = new ChartOverrides(List.of(), Map.of());

    public ChartOverrides {
        valuesFiles = List.copyOf(valuesFiles);
        setValues = Collections.unmodifiableMap(new LinkedHashMap<>(setValues));
    }
}
