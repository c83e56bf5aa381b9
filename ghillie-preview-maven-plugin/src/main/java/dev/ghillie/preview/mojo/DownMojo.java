package dev.ghillie.preview.mojo;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.lifecycle.PreviewDown;
import dev.ghillie.preview.lifecycle.UpPlan;
import dev.ghillie.preview.settings.PreviewSettings;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Tears the preview down: deletes the k3d or kind cluster (succeeds when it is already gone), or with
 * {@code keepCluster} removes the release and the app Secret and keeps the data services' data for
 * the next up ({@code dropData} removes it and the namespace too). On an existing cluster
 * ({@code ghillie.preview.provider=existing}) it removes only what up made there and never the cluster. Bound to
 * {@code post-integration-test}, so {@code mvn verify -Ppreview} cleans up after the tests, also
 * when they fail (failsafe reports failures in {@code verify}, after this phase).
 */
@Mojo(name = "down", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class DownMojo extends AbstractPreviewMojo {

    /** Keep the cluster, the operators and the data services' data; remove the release and the app Secret. */
    @Parameter(property = "ghillie.preview.keepCluster", defaultValue = "false")
    private boolean keepCluster;

    /** With keepCluster: remove the data services' data (their resources, volumes and Secrets) and the namespace too. */
    @Parameter(property = "ghillie.preview.dropData", defaultValue = "false")
    private boolean dropData;

    /** Remove nothing: print what down would remove, decided as down decides, and write it to plan.json. */
    @Parameter(property = "ghillie.preview.plan", defaultValue = "false")
    private boolean plan;

    @Override
    public void execute() throws MojoFailureException {
        if (!isServiceModule("down")) {
            return;
        }
        if (plan) {
            try {
                PreviewSettings settings = previewSettings();
                UpPlan planned = new PreviewDown(clusterProvider(settings), helm(settings), progress())
                        .plan(settings, keepCluster, dropData);
                planned.lines().forEach(getLog()::info);
                planned.write(settings.workDir().resolve(UpMojo.PLAN_FILE));
                getLog().info("Plan only (ghillie.preview.plan): nothing was removed; "
                        + settings.workDir().resolve(UpMojo.PLAN_FILE));
                return;
            } catch (PreviewException e) {
                throw failure(e);
            }
        }
        if (getPluginContext().remove(UpMojo.ACCESS_SESSION) instanceof AutoCloseable session) {
            try {
                session.close();
            } catch (Exception e) {
                getLog().debug("closing the port-forward: " + e.getMessage());
            }
        }
        try {
            PreviewSettings settings = previewSettings();
            new PreviewDown(clusterProvider(settings), helm(settings), progress()).run(settings, keepCluster, dropData);
        } catch (PreviewException e) {
            throw failure(e);
        }
    }
}
