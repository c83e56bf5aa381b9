package dev.ghillie.preview.lifecycle;

import java.util.Objects;

/**
 * Which provider runs the preview's cluster and which kubeconfig context reaches it, as {@code preview:status}
 * names them on its cluster line.
 *
 * @param provider e.g. {@code k3d}
 * @param context  the kubeconfig context, e.g. {@code k3d-ghillie-local}
 */
public record ProviderContext(String provider, String context) {

    public ProviderContext {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(context, "context");
    }
}
