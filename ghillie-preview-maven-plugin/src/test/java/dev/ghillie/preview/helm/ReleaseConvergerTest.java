package dev.ghillie.preview.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.helm.ReleaseConverger.Action;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseConvergerTest {

    private static final ReleaseTarget TARGET = new ReleaseTarget("ghillie", "ghillie", Path.of("/tmp/kubeconfig"));

    private static ReleaseRequest request(String fingerprint) {
        return new ReleaseRequest(
                TARGET,
                new ChartSource.Local(Path.of("charts/ghillie")),
                List.of(),
                Map.of("image.digest", "sha256:abc"),
                Duration.ofMinutes(5),
                fingerprint);
    }

    private static ReleaseRevision deployed(int revision, String fingerprint) {
        return new ReleaseRevision(revision, "deployed", ReleaseConverger.FINGERPRINT_PREFIX + fingerprint);
    }

    @Test
    void installsWhenThereIsNoRelease() {
        RecordingHelmClient helm = new RecordingHelmClient();

        ReleaseConverger.Result result = new ReleaseConverger(helm).converge(request("sha256:1"));

        assertThat(result.action()).isEqualTo(Action.INSTALLED);
        assertThat(result.summary()).isEqualTo("installed revision 1");
        assertThat(helm.calls).containsExactly("upgrade --install ghillie");
    }

    @Test
    void skipsTheUpgradeWhenNothingChanged() {
        RecordingHelmClient helm = new RecordingHelmClient().withHistory(deployed(1, "sha256:1"));

        ReleaseConverger.Result result = new ReleaseConverger(helm).converge(request("sha256:1"));

        assertThat(result.action()).isEqualTo(Action.UNCHANGED);
        assertThat(result.summary()).isEqualTo("unchanged at revision 1");
        assertThat(helm.calls).isEmpty();
    }

    @Test
    void anUpgradeKeepsTenRevisionsAsHelmsCliDoes() {
        RecordingHelmClient helm = new RecordingHelmClient();
        for (int revision = 1; revision <= 11; revision++) {
            helm.history.add(new ReleaseRevision(
                    revision,
                    revision == 11 ? "deployed" : revision == 2 ? "failed" : "superseded",
                    ReleaseConverger.FINGERPRINT_PREFIX + "sha256:" + revision));
        }

        ReleaseConverger.Result result = new ReleaseConverger(helm).converge(request("sha256:12"));

        assertThat(result.summary()).isEqualTo("upgraded to revision 12");
        // 12 made, 10 kept: the two oldest go, failed or superseded alike, as Helm's storage prunes.
        assertThat(helm.calls).containsExactly("upgrade --install ghillie", "discard revision 1", "discard revision 2");
        assertThat(helm.history).hasSize(10);
    }

    @Test
    void upgradesWhenAnInputChanged() {
        RecordingHelmClient helm = new RecordingHelmClient().withHistory(deployed(1, "sha256:1"));

        ReleaseConverger.Result result = new ReleaseConverger(helm).converge(request("sha256:2"));

        assertThat(result.summary()).isEqualTo("upgraded to revision 2");
        assertThat(helm.calls).containsExactly("upgrade --install ghillie");
    }

    @Test
    void recoversFromAnInterruptedUpgrade() {
        RecordingHelmClient helm = new RecordingHelmClient()
                .withHistory(
                        new ReleaseRevision(1, "superseded", "x"),
                        deployed(2, "sha256:1"),
                        new ReleaseRevision(3, "pending-upgrade", "x"));

        ReleaseConverger.Result result = new ReleaseConverger(helm).converge(request("sha256:2"));

        assertThat(helm.calls).containsExactly("discard revision 3", "upgrade --install ghillie");
        assertThat(result.summary()).isEqualTo("upgraded to revision 3; recovered from pending-upgrade (revision 3)");
    }

    @Test
    void anInterruptedUpgradeOfTheSameInputsConvergesWithoutAnotherUpgrade() {
        RecordingHelmClient helm = new RecordingHelmClient()
                .withHistory(deployed(1, "sha256:1"), new ReleaseRevision(2, "pending-upgrade", "x"));

        ReleaseConverger.Result result = new ReleaseConverger(helm).converge(request("sha256:1"));

        assertThat(result.action()).isEqualTo(Action.UNCHANGED);
        assertThat(helm.calls).containsExactly("discard revision 2");
    }

    @Test
    void recoversFromAnInterruptedFirstInstall() {
        RecordingHelmClient helm =
                new RecordingHelmClient().withHistory(new ReleaseRevision(1, "pending-install", "x"));

        ReleaseConverger.Result result = new ReleaseConverger(helm).converge(request("sha256:1"));

        assertThat(result.action()).isEqualTo(Action.INSTALLED);
        assertThat(helm.calls).containsExactly("discard revision 1", "upgrade --install ghillie");
    }

    @Test
    void startsAfreshWhenTheOnlyRevisionFailed() {
        RecordingHelmClient helm = new RecordingHelmClient().withHistory(new ReleaseRevision(1, "failed", "x"));

        ReleaseConverger.Result result = new ReleaseConverger(helm).converge(request("sha256:1"));

        assertThat(helm.calls).containsExactly("uninstall ghillie", "upgrade --install ghillie");
        assertThat(result.summary()).isEqualTo("installed revision 1; removed a release left failed by an earlier run");
    }

    @Test
    void upgradesOverAFailedUpgradeOfAReleaseThatOnceServed() {
        RecordingHelmClient helm = new RecordingHelmClient()
                .withHistory(new ReleaseRevision(1, "superseded", "x"), new ReleaseRevision(2, "failed", "x"));

        ReleaseConverger.Result result = new ReleaseConverger(helm).converge(request("sha256:1"));

        assertThat(helm.calls).containsExactly("upgrade --install ghillie");
        assertThat(result.action()).isEqualTo(Action.UPGRADED);
    }
}
