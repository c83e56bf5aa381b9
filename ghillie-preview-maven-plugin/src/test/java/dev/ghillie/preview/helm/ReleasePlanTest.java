package dev.ghillie.preview.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.helm.ReleaseConverger.Action;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A release plan changes nothing and says what converge then does, in every state a history can be in. */
class ReleasePlanTest {

    private static final ReleaseTarget TARGET = new ReleaseTarget("ghillie", "ghillie", Path.of("/tmp/kubeconfig"));
    private static final ReleaseRequest REQUEST = new ReleaseRequest(
            TARGET,
            new ChartSource.Local(Path.of("charts/ghillie")),
            List.of(),
            Map.of("image.digest", "sha256:abc"),
            Duration.ofMinutes(5),
            "sha256:1");

    private static ReleaseRevision deployed(int revision, String fingerprint) {
        return new ReleaseRevision(revision, "deployed", ReleaseConverger.FINGERPRINT_PREFIX + fingerprint);
    }

    static Stream<Arguments> histories() {
        ReleaseRevision stuck = new ReleaseRevision(3, "pending-upgrade", "x");
        return Stream.of(
                Arguments.of("no release", List.of(), Action.INSTALLED, "install"),
                Arguments.of(
                        "same inputs", List.of(deployed(1, "sha256:1")), Action.UNCHANGED, "unchanged at revision 1"),
                Arguments.of("other inputs", List.of(deployed(1, "sha256:0")), Action.UPGRADED, "upgrade revision 1"),
                Arguments.of(
                        "interrupted upgrade",
                        List.of(new ReleaseRevision(1, "superseded", "x"), deployed(2, "sha256:0"), stuck),
                        Action.UPGRADED,
                        "recovered from pending-upgrade (revision 3); then upgrade revision 2"),
                Arguments.of(
                        "interrupted upgrade of the same inputs",
                        List.of(deployed(2, "sha256:1"), stuck),
                        Action.UNCHANGED,
                        "recovered from pending-upgrade (revision 3); then unchanged at revision 2"),
                Arguments.of(
                        "interrupted first install",
                        List.of(new ReleaseRevision(1, "pending-install", "x")),
                        Action.INSTALLED,
                        "recovered from pending-install (revision 1); then install"),
                Arguments.of(
                        "only revision failed",
                        List.of(new ReleaseRevision(1, "failed", "x")),
                        Action.INSTALLED,
                        "removed a release left failed by an earlier run; then install"),
                Arguments.of(
                        "failed upgrade of a release that served",
                        List.of(new ReleaseRevision(1, "superseded", "x"), new ReleaseRevision(2, "failed", "x")),
                        Action.UPGRADED,
                        "upgrade revision 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void thePlanChangesNothingAndConvergeDoesWhatItSaid(
            String situation, List<ReleaseRevision> history, Action expected, String summary) {
        RecordingHelmClient helm = new RecordingHelmClient().withHistory(history.toArray(ReleaseRevision[]::new));

        ReleaseConverger.Plan plan = new ReleaseConverger(helm).plan(REQUEST);

        assertThat(helm.calls)
                .as("a plan calls nothing that changes the release")
                .isEmpty();
        assertThat(plan.action()).isEqualTo(expected);
        assertThat(plan.summary()).isEqualTo(summary);

        ReleaseConverger.Result result = new ReleaseConverger(helm).converge(REQUEST);

        assertThat(result.action()).isEqualTo(plan.action());
        assertThat(result.recoveries()).isEqualTo(plan.recoveries());
    }
}
