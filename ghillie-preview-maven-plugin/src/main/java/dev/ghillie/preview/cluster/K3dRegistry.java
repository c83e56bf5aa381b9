package dev.ghillie.preview.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A k3d registry the cluster pulls the image from instead of a {@code k3d image import}: named as
 * {@code k3d cluster create --registry-use} takes it, {@code NAME:PORT}, where NAME is the registry's
 * container ({@code k3d-} plus the name given to {@code k3d registry create}) and PORT the port it
 * publishes on the host. The plugin pushes to {@code 127.0.0.1:PORT}; pods name the registry as the
 * cluster advertises it (KEP-1755's {@code hostFromContainerRuntime}).
 *
 * @param name container name, e.g. {@code k3d-ghillie-registry}
 * @param port host port, e.g. {@code 5001}
 */
public record K3dRegistry(String name, int port) {

    static final String SETTING = "ghillie.preview.registry";
    private static final Pattern FORM = Pattern.compile("([a-z0-9](?:[a-z0-9.-]{0,61}[a-z0-9])?):(\\d{1,5})");

    public K3dRegistry {
        if (!FORM.matcher(name + ":" + port).matches() || port < 1 || port > 65535) {
            throw invalid(name + ":" + port);
        }
    }

    /** The registry a setting names, e.g. {@code k3d-ghillie-registry:5001}. */
    public static K3dRegistry parse(String value) {
        Matcher m = FORM.matcher(value.strip());
        if (!m.matches()) {
            throw invalid(value);
        }
        return new K3dRegistry(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** The value of {@code --registry-use}. */
    public String useReference() {
        return name + ":" + port;
    }

    /** Where the host pushes: k3d publishes the registry's port there ({@code --port 127.0.0.1:PORT}). */
    public String pushHost() {
        return "127.0.0.1:" + port;
    }

    /** The command that makes this registry, for messages. */
    public String createCommand() {
        return "k3d registry create " + (name.startsWith("k3d-") ? name.substring(4) : name) + " --port 127.0.0.1:"
                + port;
    }

    private static ClusterException invalid(String value) {
        return new ClusterException(
                SETTING + "='" + value + "' is not a k3d registry: use NAME:PORT as k3d cluster create"
                        + " --registry-use takes it, e.g. k3d-ghillie-registry:5001 (made by: k3d registry create ghillie-registry"
                        + " --port 127.0.0.1:5001)");
    }
}
