package dev.ghillie.preview.lifecycle;

import java.util.Optional;

/**
 * The preview's URL once it answers. For the port-forward access mode {@code session} keeps the
 * forward open until closed; for ingress it does nothing. With {@code ghillie.preview.debug},
 * {@code debugger} is the forward to the JVM's debugger port; {@code session} closes it too.
 */
public record PreviewAccess(String url, String mode, AutoCloseable session, Optional<DebugForward> debugger) {

    public PreviewAccess(String url, String mode, AutoCloseable session) {
        this(url, mode, session, Optional.empty());
    }
}
