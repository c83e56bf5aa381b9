package dev.ghillie.preview.dev;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.kube.LabelSelection;
import dev.ghillie.preview.kube.PortForwardSession;
import dev.ghillie.preview.kube.PortForwarder;
import dev.ghillie.preview.kube.ReleaseServices;
import dev.ghillie.preview.lifecycle.PreviewAccess;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;

/**
 * A port-forward goes to one pod, and a rollout removes that pod: after each rollout the forward is opened again,
 * on the same loopback port (the URL the user has stays right), to the newest ready pod behind the release's
 * Service. The forward {@code up} opened is closed on the first refresh; the last one is closed with this object.
 */
public final class PortForwardRefresh implements AccessRefresh, AutoCloseable {

    private final KubernetesClient client;
    private final LabelSelection release;
    private final ProgressSink progress;
    private PortForwardSession session;

    /** {@code client} stays open for the forwards and is closed with this object. */
    public PortForwardRefresh(KubernetesClient client, LabelSelection release, ProgressSink progress) {
        this.client = client;
        this.release = release;
        this.progress = progress;
    }

    @Override
    public synchronized PreviewAccess afterRollout(PreviewAccess access) {
        int port = URI.create(access.url()).getPort();
        String service = ReleaseServices.first(client, release)
                .orElseThrow(() -> new PreviewException("release "
                        + release.labels().get(LabelSelection.INSTANCE_LABEL) + " has no Service in namespace "
                        + release.namespace()
                        + " to port-forward to"));
        // The first round replaces up's forward (the access's session, with up's debugger forward and client when
        // debugging); later rounds only this object's own last one: the access may carry the debugger's forward, which
        // stays when its pod does (DebuggerRefresh), and may be an older access the loop kept after a failed round.
        try {
            (session == null ? access.session() : session).close();
        } catch (Exception e) {
            // The old forward's pod is gone already; closing it can only fail quietly.
        }
        session = new PortForwarder(client).forwardService(release.namespace(), service, 0, port);
        progress.step("port-forward " + session.describe());
        PortForwardSession opened = session;
        return new PreviewAccess(access.url(), access.mode(), opened::close);
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
        }
        client.close();
    }
}
