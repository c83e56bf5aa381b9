package dev.ghillie.preview.lifecycle;

/**
 * The preview's URL once it answers. For the port-forward access mode {@code session} keeps the
 * forward open until closed; for ingress it does nothing.
 */
public record PreviewAccess(String url, String mode, AutoCloseable session) {
}
