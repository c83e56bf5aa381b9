package dev.ghillie.preview.helm;

import java.util.List;

/**
 * Brings a release to the requested state whatever an earlier run left behind: installs it when
 * absent, skips the upgrade when the deployed revision was made from the same inputs, upgrades
 * otherwise, and recovers releases stuck in {@code pending-*}, {@code failed} or {@code uninstalling}
 * from an interrupted or failed run instead of reporting "another operation is in progress".
 */
public final class ReleaseConverger {

    /** What was done, for the step line. */
    public enum Action {
        INSTALLED, UPGRADED, UNCHANGED
    }

    public record Result(Action action, int revision, List<String> recoveries) {
        public String summary() {
            String done = switch (action) {
                case INSTALLED -> "installed revision " + revision;
                case UPGRADED -> "upgraded to revision " + revision;
                case UNCHANGED -> "unchanged at revision " + revision;
            };
            return recoveries.isEmpty() ? done : done + "; " + String.join("; ", recoveries);
        }
    }

    static final String FINGERPRINT_PREFIX = "ghillie-preview inputs ";

    private final HelmClient helm;

    public ReleaseConverger(HelmClient helm) {
        this.helm = helm;
    }

    public Result converge(ReleaseRequest request) {
        ReleaseTarget target = request.target();
        List<String> recoveries = new java.util.ArrayList<>();
        List<ReleaseRevision> history = helm.history(target);
        // Each pass removes one stuck revision; a history is short, but never loop without end.
        for (int pass = 0; pass < 10 && !history.isEmpty(); pass++) {
            ReleaseRevision latest = history.getLast();
            if (latest.isPending()) {
                helm.discardRevision(target, latest.revision());
                recoveries.add("recovered from " + latest.status() + " (revision " + latest.revision() + ")");
            } else if (latest.isUninstalling() || (latest.isFailed() && history.stream().noneMatch(ReleaseRevision::hasServed))) {
                // Helm cannot upgrade a release that never deployed: start it afresh.
                helm.uninstall(target);
                recoveries.add("removed a release left " + latest.status() + " by an earlier run");
            } else {
                break;
            }
            history = helm.history(target);
        }
        if (!history.isEmpty()) {
            ReleaseRevision latest = history.getLast();
            if (latest.isDeployed() && description(request).equals(latest.description())) {
                return new Result(Action.UNCHANGED, latest.revision(), recoveries);
            }
        }
        boolean installing = history.isEmpty();
        ReleaseRevision made = helm.upgradeInstall(request);
        return new Result(installing ? Action.INSTALLED : Action.UPGRADED, made.revision(), recoveries);
    }

    /** The release description recorded with each revision: it carries the inputs' fingerprint. */
    public static String description(ReleaseRequest request) {
        return FINGERPRINT_PREFIX + request.fingerprint();
    }
}
