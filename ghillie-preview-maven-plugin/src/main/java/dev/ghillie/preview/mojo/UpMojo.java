package dev.ghillie.preview.mojo;

import dev.ghillie.preview.DurationText;
import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.cluster.K3dRegistry;
import dev.ghillie.preview.image.ImageSettings;
import dev.ghillie.preview.lifecycle.DebugForward;
import dev.ghillie.preview.lifecycle.KubernetesUpSteps;
import dev.ghillie.preview.lifecycle.PreviewLogs;
import dev.ghillie.preview.lifecycle.PreviewRecord;
import dev.ghillie.preview.lifecycle.PreviewUp;
import dev.ghillie.preview.lifecycle.UpPlan;
import dev.ghillie.preview.settings.DebugPort;
import dev.ghillie.preview.settings.PlatformSelection;
import dev.ghillie.preview.settings.PreviewSettings;
import java.time.Duration;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Brings the local preview up: a k3d cluster with loopback-only ingress (or kind, or an existing cluster:
 * {@code ghillie.preview.provider}), PostgreSQL and Valkey
 * through their operators, the service's image built with Jib and loaded into the cluster, the Helm
 * chart installed, a real readiness wait, and the URL. Safe to re-run: a re-run converges, and with
 * nothing changed imports nothing, upgrades nothing and restarts nothing.
 * <p>Bound to {@code pre-integration-test}: integration tests get the URL as the system property
 * {@code ghillie.preview.url} (set it from the project property of the same name).
 */
@Mojo(
        name = "up",
        defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
        threadSafe = true)
public class UpMojo extends AbstractImageMojo {

    /** Project property holding the preview's URL for later plugins (failsafe). */
    static final String URL_PROPERTY = "ghillie.preview.url";
    /** Key in the plugin context under which a port-forward stays open until down or the end of the build. */
    static final String ACCESS_SESSION = "ghillie.preview.access.session";
    /** Where a plan is written, in the work directory. */
    static final String PLAN_FILE = "plan.json";
    /** The logs a debugging session starts with: the new pod's start, including the JVM's "Listening for transport dt_socket". */
    private static final Duration RECENT_LOGS = Duration.ofSeconds(30);

    /**
     * A k3d registry to push the image to instead of importing it into the nodes, as {@code k3d cluster create
     * --registry-use} names it: {@code NAME:PORT}, e.g. {@code k3d-ghillie-registry:5001} after
     * {@code k3d registry create ghillie-registry --port 127.0.0.1:5001}. A new cluster is created with it.
     */
    @Parameter(property = "ghillie.preview.registry")
    private String registry;

    /**
     * The port the service's JVM listens on for a debugger (JDWP), in the pod and on 127.0.0.1 through a port-forward;
     * {@code true} for 5005. With it, {@code up} stays in the foreground streaming the pods' logs until Ctrl-C, which
     * ends the session and leaves the preview running.
     */
    @Parameter(property = "ghillie.preview.debug")
    private String debug;

    /**
     * Change nothing: print what {@code up} would do, step by step, decided as {@code up} decides, and write it to
     * {@code plan.json} in the work directory. The service and a tar image are still built (into the build directory).
     */
    @Parameter(property = "ghillie.preview.plan", defaultValue = "false")
    private boolean plan;

    @Override
    protected Optional<K3dRegistry> registry() {
        return registry == null || registry.isBlank() ? Optional.empty() : Optional.of(K3dRegistry.parse(registry));
    }

    @Override
    protected boolean deploysChart() {
        return true;
    }

    @Override
    public void execute() throws MojoFailureException {
        if (!isServiceModule("up")) {
            return;
        }
        long start = System.nanoTime();
        try {
            PreviewSettings settings = previewSettings();
            Optional<DebugPort> debugPort = debugPort(settings);
            ImageSettings image =
                    imageSettings(serviceMainClass(), settings.registry().map(K3dRegistry::pushHost));
            ProgressSink progress = progress();
            try (KubernetesUpSteps steps = new KubernetesUpSteps(
                    settings,
                    serviceBuild(progress),
                    image,
                    clusterProvider(settings),
                    helm(settings),
                    progress,
                    debugPort)) {
                PreviewUp up =
                        new PreviewUp(steps, PlatformSelection.of(settings.platform()), settings.service(), progress);
                if (plan) {
                    UpPlan planned = up.plan(steps);
                    planned.lines().forEach(getLog()::info);
                    planned.write(settings.workDir().resolve(PLAN_FILE));
                    getLog().info("Plan only (ghillie.preview.plan): nothing was changed; "
                            + settings.workDir().resolve(PLAN_FILE));
                    return;
                }
                PreviewUp.Result result = up.run();
                PreviewRecord record = PreviewRecord.of(settings, result);
                record.write(settings.previewRecord());
                getPluginContext().put(ACCESS_SESSION, result.access().session());
                project.getProperties()
                        .setProperty(URL_PROPERTY, result.access().url());
                project.getProperties()
                        .setProperty(
                                ImageMojo.REFERENCE_PROPERTY, result.image().reference());
                project.getProperties()
                        .setProperty(ImageMojo.DIGEST_PROPERTY, result.image().digest());
                getLog().info("Preview ready: " + result.access().url() + " in "
                        + DurationText.of(Duration.ofNanos(System.nanoTime() - start)) + " (" + settings.previewRecord()
                        + ")");
                if (result.access().debugger().isPresent()) {
                    holdForTheDebugger(settings, result.access().debugger().get());
                }
            }
        } catch (PreviewException e) {
            throw failure(e);
        }
    }

    /** {@code ghillie.preview.debug}, checked against the service's own port in the pod. */
    protected Optional<DebugPort> debugPort(PreviewSettings settings) {
        return DebugPort.parse(debug)
                .map(port -> port.apartFrom(settings.service().containerPort()));
    }

    /**
     * A debugging session in the foreground, as with {@code skaffold debug}: the forward lives as long as this goal, so
     * the goal stays, showing the service's logs, until Ctrl-C. Unlike Skaffold, Ctrl-C leaves the preview running
     * (as {@code preview:dev} does); {@code preview:down} removes it.
     */
    private void holdForTheDebugger(PreviewSettings settings, DebugForward debugger) {
        getLog().info("Debugger: attach to " + debugger.describe()
                + " (JDWP, socket attach; docs/users-guide.md#debugging)."
                + " Ctrl-C ends the session and leaves the preview running.");
        new PreviewLogs(clusterProvider(settings))
                .run(settings, new PreviewLogs.Options(true, RECENT_LOGS, -1), getLog()::info);
    }
}
