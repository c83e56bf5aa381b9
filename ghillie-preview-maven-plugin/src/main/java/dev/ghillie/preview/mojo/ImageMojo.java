package dev.ghillie.preview.mojo;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.image.ImageSettings;
import dev.ghillie.preview.image.RuntimeImageBuilder;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the service's container image with Jib, without a Dockerfile or a Docker daemon, and
 * writes its reference and digest to {@code target/ghillie-preview/image.json}. Runs for jar
 * modules with a main class; other modules (the parent pom, the plugin itself) are skipped.
 */
@Mojo(
        name = "image",
        defaultPhase = LifecyclePhase.PACKAGE,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
        threadSafe = true)
public class ImageMojo extends AbstractImageMojo {

    /** Project properties later steps (the chart install) read. */
    static final String REFERENCE_PROPERTY = "ghillie.preview.image.reference";

    static final String DIGEST_PROPERTY = "ghillie.preview.image.digest";
    static final String IMAGE_ID_PROPERTY = "ghillie.preview.image.id";
    static final String TAR_PROPERTY = "ghillie.preview.image.tar";

    @Override
    public void execute() throws MojoFailureException {
        if (!isServiceModule("image")) {
            return;
        }
        try {
            // Settings first: the module's build resolves dependencies per goal and may narrow what the project lists.
            ImageSettings settings = imageSettings(serviceMainClass());
            // No step lines here: what the build says stands on its own lines.
            ProgressSink progress = new MavenProgress(getLog(), "");
            serviceBuild(progress).run().ifPresent(getLog()::info);
            ImageResult result = new RuntimeImageBuilder(progress).build(settings);
            project.getProperties().setProperty(REFERENCE_PROPERTY, result.reference());
            project.getProperties().setProperty(DIGEST_PROPERTY, result.digest());
            project.getProperties().setProperty(IMAGE_ID_PROPERTY, result.imageId());
            result.tarFile().ifPresent(tar -> project.getProperties().setProperty(TAR_PROPERTY, tar.toString()));
        } catch (PreviewException e) {
            throw failure(e);
        }
    }
}
