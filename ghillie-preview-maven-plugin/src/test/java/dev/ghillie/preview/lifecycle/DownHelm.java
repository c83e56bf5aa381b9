package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.helm.HelmClient;
import dev.ghillie.preview.helm.ReleaseRequest;
import dev.ghillie.preview.helm.ReleaseRevision;
import dev.ghillie.preview.helm.ReleaseTarget;
import java.util.List;

/** The Helm that {@code down} sees: no history, uninstalls recorded in {@code calls}, and nothing else allowed. */
final class DownHelm implements HelmClient {

    private final List<String> calls;

    DownHelm(List<String> calls) {
        this.calls = calls;
    }

    @Override
    public List<ReleaseRevision> history(ReleaseTarget target) {
        return List.of();
    }

    @Override
    public ReleaseRevision upgradeInstall(ReleaseRequest request) {
        throw new AssertionError("down never installs");
    }

    @Override
    public void uninstall(ReleaseTarget target) {
        calls.add("helm uninstall " + target.name() + " -n " + target.namespace());
    }

    @Override
    public void discardRevision(ReleaseTarget target, int revision) {
        throw new AssertionError("down never discards revisions");
    }
}
