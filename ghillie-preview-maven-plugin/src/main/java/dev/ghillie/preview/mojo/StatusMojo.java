package dev.ghillie.preview.mojo;

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
 * Shows the preview: cluster state and nodes, the Helm release, the pods (ready, phase, restarts,
 * age), the URL and whether its health path (ghillie.preview.healthPath) answers. A table by default, JSON on standard output with
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
                throw new SettingsException("ghillie.preview.output='" + output + "' is not an output format: use table or json");
            }
            PreviewSettings settings = previewSettings();
            StatusReport report = new PreviewStatus(clusterProvider(settings), helm(settings))
                    .report(settings, PreviewRecord.read(settings.previewRecord()).map(PreviewRecord::url));
            if (format.equals("json")) {
                // Machines read standard output; Maven's log prefixes would break the JSON.
                System.out.println(report.toJson());
            } else {
                report.toTable().lines().forEach(getLog()::info);
            }
            if (failOnUnhealthy && !report.healthy()) {
                throw new PreviewException("the preview is not healthy (ghillie.preview.failOnUnhealthy): see the status above");
            }
        } catch (PreviewException e) {
            throw failure(e);
        }
    }
}
