package dev.ghillie.preview.mojo;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.lifecycle.PreviewLogs;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.SettingsValidator;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the runtime pods' logs, each line prefixed by its pod and container. With {@code follow}
 * it keeps streaming until interrupted (Ctrl-C) and picks up pods a later rollout creates.
 */
@Mojo(name = "logs", threadSafe = true)
public class LogsMojo extends AbstractPreviewMojo {

    /** Keep streaming new lines, and new pods. */
    @Parameter(property = "ghillie.preview.follow", defaultValue = "false")
    private boolean follow;

    /** Only lines newer than this, e.g. 10m or 1h. */
    @Parameter(property = "ghillie.preview.since")
    private String since;

    /** Only the last N lines of each container; -1 for all. */
    @Parameter(property = "ghillie.preview.tail", defaultValue = "-1")
    private int tail;

    @Override
    public void execute() throws MojoFailureException {
        if (!isServiceModule("logs")) {
            return;
        }
        try {
            PreviewSettings settings = previewSettings();
            PreviewLogs.Options options = new PreviewLogs.Options(
                    follow,
                    since == null || since.isBlank()
                            ? null
                            : SettingsValidator.duration("ghillie.preview.since", since),
                    tail);
            // Log lines go to standard output as they are, without Maven's [INFO] prefix.
            new PreviewLogs(clusterProvider(settings)).run(settings, options, System.out::println);
        } catch (PreviewException e) {
            throw failure(e);
        }
    }
}
