package dev.ghillie.preview.settings;

import java.util.Locale;

/** Whether {@code up} proves, through {@code /version}, that the pod answering runs the image just built. */
public enum VersionCheck {
    /** Prove it when the service answers {@code /version} with JSON (ghillie-runtime does); skip it, with one line, when it does not. */
    AUTO,
    /** Never ask {@code /version}. */
    OFF;

    public static VersionCheck parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "off" -> OFF;
            default ->
                throw new SettingsException(
                        "ghillie.preview.versionCheck='" + text + "' is not a version check: use auto or off");
        };
    }
}
