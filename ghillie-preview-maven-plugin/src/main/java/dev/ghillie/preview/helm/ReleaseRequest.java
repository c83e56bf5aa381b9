package dev.ghillie.preview.helm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code helm upgrade --install}: the chart, values files in order, {@code --set} values (later
 * wins), a timeout, and the fingerprint of all of these that lets a re-run with nothing changed skip
 * the upgrade. Values given here must not be secrets: they end up in Helm's release record.
 */
public record ReleaseRequest(
        ReleaseTarget target,
        ChartSource chart,
        List<Path> valuesFiles,
        Map<String, String> values,
        Duration timeout,
        String fingerprint) {

    public ReleaseRequest {
        valuesFiles = List.copyOf(valuesFiles);
        values = Map.copyOf(values);
    }
}
