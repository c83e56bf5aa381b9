package dev.ghillie.preview.settings;

import java.util.Locale;

/**
 * Which provider runs the preview's cluster ({@code ghillie.preview.provider}, env {@code GHILLIE_PREVIEW_PROVIDER}).
 * k3d and kind make and delete a cluster of their own; existing uses one the user names and never creates or deletes it.
 */
public enum ProviderKind {
    K3D("k3d", AccessMode.INGRESS),
    /** kind has no ingress controller: the preview is reached by port-forward unless the user says one is installed. */
    KIND("kind", AccessMode.PORT_FORWARD),
    /** An existing cluster's ingress is not on this machine's loopback: port-forward only. */
    EXISTING("existing", AccessMode.PORT_FORWARD);

    public static final String SETTING = "ghillie.preview.provider";
    public static final String VARIABLE = "GHILLIE_PREVIEW_PROVIDER";

    private final String id;
    private final AccessMode defaultAccess;

    ProviderKind(String id, AccessMode defaultAccess) {
        this.id = id;
        this.defaultAccess = defaultAccess;
    }

    /** As the setting names it: k3d, kind, existing. */
    public String id() {
        return id;
    }

    /** How the preview is reached when ghillie.preview.access is not given. */
    public AccessMode defaultAccess() {
        return defaultAccess;
    }

    /** @throws SettingsException one line naming the setting, or the variable it was read from, and the choices */
    public static ProviderKind parse(SettingValue value) {
        String text = value.text().strip().toLowerCase(Locale.ROOT);
        for (ProviderKind kind : values()) {
            if (kind.id.equals(text)) {
                return kind;
            }
        }
        throw new SettingsException(
                SETTING + "='" + value.text() + "' is not a provider: use k3d, kind or existing" + value.readFrom());
    }
}
