package dev.ghillie.preview.dev;

import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.kube.LabelSelection;
import dev.ghillie.preview.lifecycle.DebugForward;
import dev.ghillie.preview.lifecycle.PreviewAccess;
import dev.ghillie.preview.settings.DebugPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * With {@code ghillie.preview.debug}, the debugger's forward is tied to one pod as the URL's port-forward is: after
 * each rollout it moves to the newest ready pod, on the same local port, so the IDE's attach configuration stays
 * right. The old forward is closed first (the new one takes its port); a debugger attached through it loses its
 * session with the old pod, which is gone anyway. Runs after the URL's refresh.
 */
public final class DebuggerRefresh implements AccessRefresh, AutoCloseable {

    private final KubernetesClient client;
    private final LabelSelection release;
    private final DebugPort port;
    private final ProgressSink progress;
    private DebugForward current;

    /** {@code client} stays open for the forwards and is closed with this object. */
    public DebuggerRefresh(KubernetesClient client, LabelSelection release, DebugPort port, ProgressSink progress) {
        this.client = client;
        this.release = release;
        this.port = port;
        this.progress = progress;
    }

    @Override
    public synchronized PreviewAccess afterRollout(PreviewAccess access) {
        access.debugger().ifPresent(DebugForward::close);
        if (current != null) {
            current.close();
        }
        current = DebugForward.open(client, release, port);
        progress.step("debugger " + current.describe());
        DebugForward opened = current;
        AutoCloseable rest = access.session();
        return new PreviewAccess(
                access.url(),
                access.mode(),
                () -> {
                    opened.close();
                    rest.close();
                },
                Optional.of(opened));
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
        }
        client.close();
    }
}
