package dev.ghillie.preview.provider;

import dev.ghillie.preview.cluster.ClusterException;
import dev.ghillie.preview.cluster.HostPort;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A kubeconfig cluster's {@code server}, checked once where it is read: kubectl guesses a scheme for
 * {@code 127.0.0.1:6443}, but {@link URI} reads that as no host at all (or, for {@code localhost:6443}, as the scheme
 * {@code localhost}), which surfaced later as a null host or a stack trace.
 *
 * @param text the server as the kubeconfig writes it, e.g. {@code https://127.0.0.1:41237}
 */
public record ApiServerUrl(String text, URI uri) {

    /**
     * @param cluster    the kubeconfig's cluster entry, for the message
     * @param context    the context that names it
     * @param kubeconfig where it was read, e.g. {@code the kubeconfig (/home/me/.kube/config)}
     */
    public static ApiServerUrl parse(String text, String cluster, String context, String kubeconfig) {
        String server = text.strip();
        URI uri = null;
        try {
            uri = new URI(server);
        } catch (URISyntaxException e) {
            // reported below, with the fix
        }
        if (uri == null
                || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            String fix = server.contains("://")
                    ? "write it as https://HOST:PORT"
                    : "write it with its scheme, e.g. https://" + server;
            throw new ClusterException("cluster '" + cluster + "' of context '" + context + "' has server '" + server
                    + "' in " + kubeconfig + ", not a URL: " + fix);
        }
        return new ApiServerUrl(server, uri);
    }

    /** The host and port clients dial; the scheme's port when the URL names none. */
    public HostPort hostPort() {
        return new HostPort(
                uri.getHost(), uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80);
    }

    @Override
    public String toString() {
        return text;
    }
}
