package dev.ghillie.preview.helm;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings a release to the requested state whatever an earlier run left behind: installs it when
 * absent, skips the upgrade when the deployed revision was made from the same inputs, upgrades
 * otherwise, and recovers releases stuck in {@code pending-*}, {@code failed} or {@code uninstalling}
 * from an interrupted or failed run instead of reporting "another operation is in progress".
 *
 * <p>Each move is decided from the history alone ({@link #next}); {@link #converge} makes the moves, {@link #plan}
 * only follows them on a copy of the history, so a plan says what converge will do.
 */
public final class ReleaseConverger {

    /** What was done, for the step line. */
    public enum Action {
        INSTALLED,
        UPGRADED,
        UNCHANGED
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

    /**
     * What {@link #converge} will do, changing nothing: the recoveries, then install, upgrade or nothing.
     *
     * @param deployedRevision the revision an upgrade starts from, or that stays; 0 for an install
     */
    public record Plan(Action action, int deployedRevision, List<String> recoveries) {
        public Plan {
            recoveries = List.copyOf(recoveries);
        }

        public String summary() {
            String done = switch (action) {
                case INSTALLED -> "install";
                case UPGRADED -> "upgrade revision " + deployedRevision;
                case UNCHANGED -> "unchanged at revision " + deployedRevision;
            };
            return recoveries.isEmpty() ? done : String.join("; ", recoveries) + "; then " + done;
        }
    }

    /** One move towards the requested release, decided from its history. */
    sealed interface Move {
        record Discard(ReleaseRevision stuck) implements Move {}

        record Uninstall(ReleaseRevision left) implements Move {}

        record Keep(ReleaseRevision deployed) implements Move {}

        record UpgradeInstall(boolean installing, int from) implements Move {}
    }

    static final String FINGERPRINT_PREFIX = "ghillie-preview inputs ";
    /** Each recovery removes one stuck revision; a history is short, but never loop without end. */
    private static final int MAX_RECOVERIES = 10;

    /**
     * Revisions kept per release: Helm's CLI default ({@code helm upgrade --history-max}, 10), which the SDK under
     * helm-java does not apply; {@code preview:dev} upgrades on every round, and each revision is a Secret holding the
     * whole chart.
     */
    static final int HISTORY_MAX = 10;

    private final HelmClient helm;

    public ReleaseConverger(HelmClient helm) {
        this.helm = helm;
    }

    public Result converge(ReleaseRequest request) {
        ReleaseTarget target = request.target();
        List<String> recoveries = new ArrayList<>();
        List<ReleaseRevision> history = helm.history(target);
        for (int pass = 0; ; pass++) {
            switch (next(history, description(request), pass < MAX_RECOVERIES)) {
                case Move.Discard discard -> {
                    helm.discardRevision(target, discard.stuck().revision());
                    recoveries.add(recovery(discard));
                }
                case Move.Uninstall uninstall -> {
                    helm.uninstall(target);
                    recoveries.add(recovery(uninstall));
                }
                case Move.Keep keep -> {
                    return new Result(Action.UNCHANGED, keep.deployed().revision(), recoveries);
                }
                case Move.UpgradeInstall upgrade -> {
                    ReleaseRevision made = helm.upgradeInstall(request);
                    forgetBeyondHistoryMax(target, history);
                    return new Result(
                            upgrade.installing() ? Action.INSTALLED : Action.UPGRADED, made.revision(), recoveries);
                }
            }
            history = helm.history(target);
        }
    }

    /**
     * After an upgrade that added one revision to {@code before} (oldest first): forgets the oldest beyond
     * {@link #HISTORY_MAX} but never a deployed one, as Helm's storage does ({@code pkg/storage/storage.go},
     * {@code removeLeastRecent}). Best effort: a failure leaves a longer history, not a broken release.
     */
    private void forgetBeyondHistoryMax(ReleaseTarget target, List<ReleaseRevision> before) {
        int excess = before.size() + 1 - HISTORY_MAX;
        for (ReleaseRevision old : before) {
            if (excess <= 0) {
                return;
            }
            if (old.isDeployed()) {
                continue;
            }
            try {
                helm.discardRevision(target, old.revision());
            } catch (RuntimeException e) {
                return;
            }
            excess--;
        }
    }

    /** What {@link #converge} would do now: the same moves, followed on a copy of the history. */
    public Plan plan(ReleaseRequest request) {
        List<String> recoveries = new ArrayList<>();
        List<ReleaseRevision> history = new ArrayList<>(helm.history(request.target()));
        for (int pass = 0; ; pass++) {
            switch (next(history, description(request), pass < MAX_RECOVERIES)) {
                case Move.Discard discard -> {
                    history.removeLast();
                    recoveries.add(recovery(discard));
                }
                case Move.Uninstall uninstall -> {
                    history.clear();
                    recoveries.add(recovery(uninstall));
                }
                case Move.Keep keep -> {
                    return new Plan(Action.UNCHANGED, keep.deployed().revision(), recoveries);
                }
                case Move.UpgradeInstall upgrade -> {
                    return new Plan(
                            upgrade.installing() ? Action.INSTALLED : Action.UPGRADED, upgrade.from(), recoveries);
                }
            }
        }
    }

    /** The one place the decision is made, for converge and plan alike. */
    static Move next(List<ReleaseRevision> history, String description, boolean mayRecover) {
        if (history.isEmpty()) {
            return new Move.UpgradeInstall(true, 0);
        }
        ReleaseRevision latest = history.getLast();
        if (mayRecover && latest.isPending()) {
            return new Move.Discard(latest);
        }
        if (mayRecover
                && (latest.isUninstalling()
                        || (latest.isFailed() && history.stream().noneMatch(ReleaseRevision::hasServed)))) {
            // Helm cannot upgrade a release that never deployed: start it afresh.
            return new Move.Uninstall(latest);
        }
        if (latest.isDeployed() && description.equals(latest.description())) {
            return new Move.Keep(latest);
        }
        return new Move.UpgradeInstall(false, latest.revision());
    }

    private static String recovery(Move move) {
        return switch (move) {
            case Move.Discard discard ->
                "recovered from " + discard.stuck().status() + " (revision "
                        + discard.stuck().revision() + ")";
            case Move.Uninstall uninstall ->
                "removed a release left " + uninstall.left().status() + " by an earlier run";
            default -> throw new IllegalArgumentException("not a recovery: " + move);
        };
    }

    /** The release description recorded with each revision: it carries the inputs' fingerprint. */
    public static String description(ReleaseRequest request) {
        return FINGERPRINT_PREFIX + request.fingerprint();
    }
}
