package dev.ghillie.preview.dev;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.kube.LabelSelection;
import dev.ghillie.preview.lifecycle.DebugForward;
import dev.ghillie.preview.lifecycle.PreviewAccess;
import dev.ghillie.preview.settings.DebugPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * With {@code ghillie.preview.debug}, the debugger's forward is tied to one pod as the URL's port-forward is: after a
 * rollout it moves to the newest ready pod, on the same local port, so the IDE's attach configuration stays right.
 * The old forward is closed first (the new one takes its port); a debugger attached through it loses its session with
 * the old pod, which is gone anyway. A round that left the pod in place keeps the forward and the IDE's session.
 * Runs after the URL's refresh; when the forward cannot follow, the round still serves, without a debugger, and says so.
 */
public final class DebuggerRefresh implements AccessRefresh, AutoCloseable {

    private final KubernetesClient client;
    private final LabelSelection release;
    private final DebugPort port;
    private final ProgressSink progress;
    private DebugForward current;
    /** What the last round returned, and the URL's session under it: ingress hands the same access back next round. */
    private PreviewAccess returned;

    private AutoCloseable urlSessionReturned;

    /** {@code client} stays open for the forwards and is closed with this object. */
    public DebuggerRefresh(KubernetesClient client, LabelSelection release, DebugPort port, ProgressSink progress) {
        this.client = client;
        this.release = release;
        this.port = port;
        this.progress = progress;
    }

    @Override
    public synchronized PreviewAccess afterRollout(PreviewAccess access) {
        AutoCloseable urlSession;
        if (access == returned) {
            urlSession = urlSessionReturned; // ingress: the loop hands back what the last round returned
        } else if (access.debugger().isPresent()) {
            // up's access, with ingress (the URL's refresh replaces it otherwise): its debugger forward and that
            // forward's client go; ingress's own session holds nothing.
            access.debugger().get().close();
            closeQuietly(access.session());
            urlSession = () -> {};
        } else {
            urlSession = access.session();
        }
        try {
            Optional<String> newest = DebugForward.debuggablePod(client, release, port);
            if (current == null || !current.isAlive() || !newest.equals(Optional.of(current.pod()))) {
                closeCurrent();
                current = DebugForward.open(client, release, port, newest);
                progress.step("debugger " + current.describe());
            }
        } catch (PreviewException e) {
            closeCurrent();
            progress.warn("the debugger's forward did not follow the rollout: " + e.getMessage());
        }
        DebugForward forward = current;
        returned = new PreviewAccess(
                access.url(),
                access.mode(),
                () -> {
                    if (forward != null) {
                        forward.close();
                    }
                    urlSession.close();
                },
                Optional.ofNullable(forward));
        urlSessionReturned = urlSession;
        return returned;
    }

    private static void closeQuietly(AutoCloseable session) {
        try {
            session.close();
        } catch (Exception e) {
            // up's forward to a pod the rollout removed: nothing left to release
        }
    }

    private void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public synchronized void close() {
        closeCurrent();
        client.close();
    }
}
