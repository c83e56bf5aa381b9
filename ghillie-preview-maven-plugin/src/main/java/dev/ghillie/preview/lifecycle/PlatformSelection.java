package dev.ghillie.preview.lifecycle;

import dev.ghillie.preview.settings.PlatformSettings;

/**
 * Which data services {@code up} installs ({@code ghillie.preview.platform}): each chosen service is
 * one step, one key of the app Secret and one entry of {@code preview.json}; an unchosen one is none.
 */
public record PlatformSelection(boolean postgres, boolean valkey) {

    public static final PlatformSelection ALL = new PlatformSelection(true, true);
    public static final PlatformSelection NONE = new PlatformSelection(false, false);

    public static PlatformSelection of(PlatformSettings settings) {
        return new PlatformSelection(settings.postgres(), settings.valkey());
    }

    /** How many steps the services add to {@code up}. */
    int stepCount() {
        return (postgres ? 1 : 0) + (valkey ? 1 : 0);
    }
}
