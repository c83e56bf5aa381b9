package dev.ghillie.preview.settings;

import java.util.Locale;

/**
 * Which operator runs the preview's Valkey ({@code ghillie.preview.valkeyOperator}), with the chart
 * each one is pinned to (see docs/users-guide.md for why the default is the default).
 *
 * @param id           the setting's value
 * @param chart        the operator's chart, in the form {@code ghillie.preview.valkeyChart} takes
 * @param chartVersion its pinned version
 */
public enum ValkeyOperator {

    /** The Valkey project's own operator (valkey-io/valkey-operator, {@code valkey.io/v1alpha1} {@code ValkeyCluster}). */
    VALKEY_IO("valkey-io", "https://valkey.io/valkey-helm/#valkey-operator", "0.4.0"),
    /** hyperspike/valkey-operator ({@code hyperspike.io/v1} {@code Valkey}); unmaintained since 2025-12. */
    HYPERSPIKE("hyperspike", "oci://ghcr.io/hyperspike/valkey-operator", "v0.0.61-chart");

    private final String id;
    private final String chart;
    private final String chartVersion;

    ValkeyOperator(String id, String chart, String chartVersion) {
        this.id = id;
        this.chart = chart;
        this.chartVersion = chartVersion;
    }

    public String id() {
        return id;
    }

    public String chart() {
        return chart;
    }

    public String chartVersion() {
        return chartVersion;
    }

    public static ValkeyOperator parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (ValkeyOperator operator : values()) {
            if (operator.id.equals(wanted)) {
                return operator;
            }
        }
        throw new SettingsException("ghillie.preview.valkeyOperator='" + text
                + "' is not a Valkey operator: use valkey-io (the" + " default) or hyperspike");
    }
}
