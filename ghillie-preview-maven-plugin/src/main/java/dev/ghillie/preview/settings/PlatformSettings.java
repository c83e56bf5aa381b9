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
    public PlatformSettings(
            boolean postgres,
            boolean valkey,
            ChartSource cloudNativePgChart,
            ChartSource valkeyOperatorChart,
            Duration timeout) {
        this(postgres, valkey, cloudNativePgChart, valkeyOperatorChart, timeout, ValkeyOperator.VALKEY_IO);
    }
}
