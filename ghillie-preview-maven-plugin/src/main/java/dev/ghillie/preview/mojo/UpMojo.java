package dev.ghillie.preview.mojo;

import dev.ghillie.preview.DurationText;
import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.cluster.K3dRegistry;
import dev.ghillie.preview.image.ImageSettings;
import dev.ghillie.preview.lifecycle.KubernetesUpSteps;
import dev.ghillie.preview.settings.PlatformSelection;
import dev.ghillie.preview.lifecycle.PreviewRecord;
import dev.ghillie.preview.lifecycle.PreviewUp;
import dev.ghillie.preview.settings.PreviewSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
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
@Mojo(name = "up", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
        threadSafe = true)
public class UpMojo extends AbstractImageMojo {

    /** Project property holding the preview's URL for later plugins (failsafe). */
    static final String URL_PROPERTY = "ghillie.preview.url";
    /** Key in the plugin context under which a port-forward stays open until down or the end of the build. */
    static final String ACCESS_SESSION = "ghillie.preview.access.session";

    /**
     * A k3d registry to push the image to instead of importing it into the nodes, as {@code k3d cluster create
     * --registry-use} names it: {@code NAME:PORT}, e.g. {@code k3d-ghillie-registry:5001} after
     * {@code k3d registry create ghillie-registry --port 127.0.0.1:5001}. A new cluster is created with it.
     */
    @Parameter(property = "ghillie.preview.registry")
    private String registry;

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
            ImageSettings image = imageSettings(serviceMainClass(), settings.registry().map(K3dRegistry::pushHost));
            Consumer<String> progress = line -> getLog().info("      " + line);
            try (KubernetesUpSteps steps = new KubernetesUpSteps(settings, serviceBuild(progress), image, clusterProvider(settings),
                    helm(settings), new MavenImageLog(getLog()), progress)) {
                PreviewUp.Result result = new PreviewUp(steps, PlatformSelection.of(settings.platform()), settings.service(), getLog()::info).run();
                PreviewRecord record = PreviewRecord.of(settings, result);
                record.write(settings.previewRecord());
                getPluginContext().put(ACCESS_SESSION, result.access().session());
                project.getProperties().setProperty(URL_PROPERTY, result.access().url());
                project.getProperties().setProperty(ImageMojo.REFERENCE_PROPERTY, result.image().reference());
                project.getProperties().setProperty(ImageMojo.DIGEST_PROPERTY, result.image().digest());
                getLog().info("Preview ready: " + result.access().url() + " in "
                        + DurationText.of(Duration.ofNanos(System.nanoTime() - start)) + " (" + settings.previewRecord() + ")");
            }
        } catch (PreviewException e) {
            throw failure(e);
        }
    }
}
