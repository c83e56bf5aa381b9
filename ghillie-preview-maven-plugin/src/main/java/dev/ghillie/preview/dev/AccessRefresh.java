package dev.ghillie.preview.dev;

import dev.ghillie.preview.lifecycle.PreviewAccess;

/**
 * The way in after a rollout. Ingress follows the Service to the new pods by itself; a port-forward is tied to
 * the pod it was opened to, which a rollout removes, so it is opened again, on the same local port, to a new pod.
 */
@FunctionalInterface
public interface AccessRefresh {

    /** Ingress: nothing to do. */
    AccessRefresh UNCHANGED = access -> access;

    PreviewAccess afterRollout(PreviewAccess access);
}
