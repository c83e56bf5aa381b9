package dev.ghillie.preview.settings;

import java.util.Locale;

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

    /** {@code all}, {@code none}, {@code postgres}, {@code valkey} (or a comma list) to switch services. */
    public static PlatformSelection parse(String text) {
        boolean postgres = false;
        boolean valkey = false;
        for (String part : text.split(",")) {
            switch (part.strip().toLowerCase(Locale.ROOT)) {
                case "all" -> {
                    postgres = true;
                    valkey = true;
                }
                case "none", "" -> {
                    // nothing
                }
                case "postgres", "postgresql", "cnpg" -> postgres = true;
                case "valkey" -> valkey = true;
                default ->
                    throw new SettingsException("ghillie.preview.platform='" + text
                            + "' is not a platform selection: use all, none, postgres, valkey or postgres,valkey");
            }
        }
        return new PlatformSelection(postgres, valkey);
    }

    /** How many steps the services add to {@code up}. */
    public int stepCount() {
        return (postgres ? 1 : 0) + (valkey ? 1 : 0);
    }
}
