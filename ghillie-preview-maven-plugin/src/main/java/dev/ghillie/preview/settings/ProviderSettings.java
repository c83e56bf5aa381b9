package dev.ghillie.preview.settings;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which cluster the preview runs on, beyond its name: the provider, and for {@link ProviderKind#EXISTING} the
 * kubeconfig and context the user names.
 *
 * @param kind        k3d, kind or existing
 * @param kubeconfig  {@code ghillie.preview.kubeconfig}; empty: {@code KUBECONFIG}, else {@code ~/.kube/config}
 * @param context     {@code ghillie.preview.context}; empty: the kubeconfig's current context
 * @param allowRemote {@code ghillie.preview.allowRemote}: an existing context whose name is not a known local
 *                    cluster's may be used
 */
public record ProviderSettings(
        ProviderKind kind, Optional<Path> kubeconfig, Optional<String> context, boolean allowRemote) {

    /** k3d, as before there were providers. */
    public static final ProviderSettings K3D =
            new ProviderSettings(ProviderKind.K3D, Optional.empty(), Optional.empty(), false);

    public ProviderSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        Objects.requireNonNull(context, "context");
    }

    public static ProviderSettings of(ProviderKind kind) {
        return new ProviderSettings(kind, Optional.empty(), Optional.empty(), false);
    }
}
