package dev.ghillie.preview.platform;

import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.ReleaseConverger;
import dev.ghillie.preview.helm.ReleaseFingerprint;
import dev.ghillie.preview.helm.ReleaseRequest;
import dev.ghillie.preview.helm.ReleaseTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Installs an operator's chart into its own namespace (converging like the app's release, so a
 * re-run with the same pinned chart does nothing) and waits for the operator's Deployments: the
 * operators' admission webhooks reject custom resources until they serve.
 */
final class OperatorInstall {

    private final ReleaseConverger releases;
    private final PlatformWaits waits;

    OperatorInstall(ReleaseConverger releases, PlatformWaits waits) {
        this.releases = releases;
        this.waits = waits;
    }

    ReleaseConverger.Result ensure(
            Path kubeconfig, String release, String namespace, ChartSource chart, Duration timeout) {
        ReleaseTarget target = new ReleaseTarget(release, namespace, kubeconfig);
        String fingerprint = ReleaseFingerprint.of(chart, List.of(), Map.of());
        ReleaseConverger.Result result =
                releases.converge(new ReleaseRequest(target, chart, List.of(), Map.of(), timeout, fingerprint));
        waits.deploymentsAvailable(namespace, Map.of("app.kubernetes.io/instance", release), timeout);
        return result;
    }
}
