package dev.ghillie.preview.kube;

import java.time.Duration;
import java.util.List;

/**
 * A completed rollout.
 *
 * @param resources the resources that were waited for, e.g. {@code deployment/ghillie}
 * @param elapsed   how long the wait took
 */
public record RolloutResult(List<String> resources, Duration elapsed) {

    public RolloutResult {
        resources = List.copyOf(resources);
    }
}
