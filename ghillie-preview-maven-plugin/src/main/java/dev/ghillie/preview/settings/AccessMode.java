package dev.ghillie.preview.settings;

import java.util.Locale;

/** How the preview URL reaches the service. */
public enum AccessMode {
    /** Through the cluster's ingress on the loopback port k3d maps (k3d's Traefik). */
    INGRESS,
    /** Through a port-forward to a pod of the Service, bound to 127.0.0.1, kept open for the rest of the build. */
    PORT_FORWARD;

    public static AccessMode parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "ingress" -> INGRESS;
            case "port-forward", "portforward" -> PORT_FORWARD;
            default ->
                throw new SettingsException(
                        "ghillie.preview.access='" + text + "' is not an access mode: use ingress or port-forward");
        };
    }
}
