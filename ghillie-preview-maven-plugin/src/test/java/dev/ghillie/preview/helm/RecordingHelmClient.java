package dev.ghillie.preview.helm;

import java.util.ArrayList;
import java.util.List;

/** A HelmClient double that keeps a release history in memory and records each call. */
final class RecordingHelmClient implements HelmClient {

    final List<String> calls = new ArrayList<>();
    final List<ReleaseRevision> history = new ArrayList<>();

    RecordingHelmClient withHistory(ReleaseRevision... revisions) {
        history.addAll(List.of(revisions));
        return this;
    }

    @Override
    public List<ReleaseRevision> history(ReleaseTarget target) {
        return List.copyOf(history);
    }

    @Override
    public ReleaseRevision upgradeInstall(ReleaseRequest request) {
        calls.add("upgrade --install " + request.target().name());
        if (!history.isEmpty() && history.getLast().isDeployed()) {
            ReleaseRevision previous = history.removeLast();
            history.add(new ReleaseRevision(previous.revision(), "superseded", previous.description()));
        }
        int next = history.isEmpty() ? 1 : history.getLast().revision() + 1;
        ReleaseRevision made = new ReleaseRevision(next, "deployed", ReleaseConverger.description(request));
        history.add(made);
        return made;
    }

    @Override
    public void uninstall(ReleaseTarget target) {
        calls.add("uninstall " + target.name());
        history.clear();
    }

    @Override
    public void discardRevision(ReleaseTarget target, int revision) {
        calls.add("discard revision " + revision);
        history.removeIf(r -> r.revision() == revision);
    }
}
