package dev.ghillie.preview.settings;

import dev.ghillie.preview.helm.ChartSource;
import java.time.Duration;

/**
 * The data services the preview gets through their operators, as the cloud previews do:
 * CloudNativePG PostgreSQL and Valkey (the Valkey project's operator, or hyperspike's). Each can be
 * switched off, e.g. on clusters that cannot pull the operators' images.
 *
 * @param valkeyOperator      which operator runs Valkey; {@code valkeyOperatorChart} is its chart
 */
public record PlatformSettings(
        boolean postgres,
        boolean valkey,
        ChartSource cloudNativePgChart,
        ChartSource valkeyOperatorChart,
        Duration timeout,
        ValkeyOperator valkeyOperator) {

    /** Pinned operator charts (see docs/users-guide.md for mirrors and air-gapped use); Valkey's: {@link ValkeyOperator}. */
    public static final String CLOUDNATIVE_PG_CHART = "https://cloudnative-pg.github.io/charts#cloudnative-pg";
    public static final String CLOUDNATIVE_PG_VERSION = "0.29.0";
    /** The pinned chart's {@code kubeVersion: ">=1.29.0-0"} (cloudnative-pg/charts, tag cloudnative-pg-v0.29.0, Chart.yaml). */
    public static final int CLOUDNATIVE_PG_MIN_KUBERNETES_MINOR = 29;

    /** With the default Valkey operator. */
    public PlatformSettings(boolean postgres, boolean valkey, ChartSource cloudNativePgChart, ChartSource valkeyOperatorChart,
            Duration timeout) {
        this(postgres, valkey, cloudNativePgChart, valkeyOperatorChart, timeout, ValkeyOperator.VALKEY_IO);
    }

    /** {@code all}, {@code none}, {@code postgres}, {@code valkey} (or a comma list) to switch services. */
    public static boolean[] parseSelection(String text) {
        boolean postgres = false;
        boolean valkey = false;
        for (String part : text.split(",")) {
            switch (part.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "all" -> {
                    postgres = true;
                    valkey = true;
                }
                case "none", "" -> {
                    // nothing
                }
                case "postgres", "postgresql", "cnpg" -> postgres = true;
                case "valkey" -> valkey = true;
                default -> throw new SettingsException("ghillie.preview.platform='" + text
                        + "' is not a platform selection: use all, none, postgres, valkey or postgres,valkey");
            }
        }
        return new boolean[] {postgres, valkey};
    }
}
