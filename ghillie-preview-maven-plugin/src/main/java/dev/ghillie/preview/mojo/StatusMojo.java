package dev.ghillie.preview.mojo;

import dev.ghillie.preview.DurationText;
import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.lifecycle.PreviewRecord;
import dev.ghillie.preview.lifecycle.PreviewStatus;
import dev.ghillie.preview.lifecycle.StatusReport;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.SettingsException;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows every part of the preview, one line each with its state and why: the provider and cluster, each data service's
 * operator and instance, the app Secret's keys, the Helm release, each pod, and the URL's health and readiness paths
 * (with the checks /ready names as failing); then an overall line. State words are coloured as Maven colours its own
 * output (plain under -B, --color=never or when not on a terminal). JSON with the same parts on standard output with
 * {@code -Dghillie.preview.output=json}.
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractPreviewMojo {

    /** table or json. */
    @Parameter(property = "ghillie.preview.output", defaultValue = "table")
    private String output;

    /** Fail the build when the preview is not healthy (for CI). */
    @Parameter(property = "ghillie.preview.failOnUnhealthy", defaultValue = "false")
    private boolean failOnUnhealthy;

    @Override
    public void execute() throws MojoFailureException {
        if (!isServiceModule("status")) {
            return;
        }
        try {
            String format = output.strip().toLowerCase(Locale.ROOT);
            if (!format.equals("table") && !format.equals("json")) {
                throw new SettingsException(
                        "ghillie.preview.output='" + output + "' is not an output format: use table or json");
            }
            PreviewSettings settings = previewSettings();
            PreviewStatus status = new PreviewStatus(clusterProvider(settings), progress());
            StatusReport report = status.report(settings, PreviewRecord.read(settings.previewRecord()));
            if (format.equals("json")) {
                // Machines read standard output; Maven's log prefixes would break the JSON.
                System.out.println(report.toJson());
            } else {
                report.lines(new MavenWordStyle()).forEach(getLog()::info);
                getLog().info("checked in " + DurationText.of(report.took()));
            }
            if (failOnUnhealthy && !report.healthy()) {
                throw new PreviewException(
                        "the preview is not healthy (ghillie.preview.failOnUnhealthy): see the status above");
            }
        } catch (PreviewException e) {
            throw failure(e);
        }
    }
}
