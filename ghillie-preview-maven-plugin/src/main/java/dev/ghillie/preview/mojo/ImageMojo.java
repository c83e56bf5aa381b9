package dev.ghillie.preview.mojo;

import dev.ghillie.preview.image.AppDependency;
import dev.ghillie.preview.image.BaseImage;
import dev.ghillie.preview.image.ImageBuildException;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.image.ImageSettings;
import dev.ghillie.preview.image.RuntimeImageBuilder;
import java.io.File;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Builds the service's container image with Jib, without a Dockerfile or a Docker daemon, and
 * writes its reference and digest to {@code target/ghillie-preview/image.json}. Runs for jar
 * modules with a main class; other modules (the parent pom, the plugin itself) are skipped.
 */
@Mojo(name = "image", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class ImageMojo extends AbstractMojo {

    /** Project properties later steps (the chart install) read. */
    static final String REFERENCE_PROPERTY = "ghillie.preview.image.reference";
    static final String DIGEST_PROPERTY = "ghillie.preview.image.digest";
    static final String IMAGE_ID_PROPERTY = "ghillie.preview.image.id";
    static final String TAR_PROPERTY = "ghillie.preview.image.tar";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** Skip the goal. */
    @Parameter(property = "ghillie.preview.skip", defaultValue = "false")
    private boolean skip;

    /** Base image: a registry reference (pin it with @sha256:...) or tar:///path/image.tar, a docker-archive tar, for offline builds. */
    @Parameter(property = "ghillie.preview.baseImage", defaultValue = BaseImage.DEFAULT_REFERENCE)
    private String baseImage;

    /** Where the image goes: tar (docker-archive under target/ for k3d image import), registry, or docker. */
    @Parameter(property = "ghillie.preview.imageTarget", defaultValue = "tar")
    private String imageTarget;

    /** Repository of the image, without a tag; include the registry host for imageTarget=registry, e.g. localhost:5001/my-service. */
    @Parameter(property = "ghillie.preview.imageName", defaultValue = "${project.artifactId}")
    private String imageName;

    /** Tag given besides the content-derived {@code <version>-<image id>} tag. */
    @Parameter(property = "ghillie.preview.imageTag", defaultValue = "${project.version}")
    private String imageTag;

    /** JVM flags of the entrypoint; replace the default -XX:MaxRAMPercentage=75,-XX:+ExitOnOutOfMemoryError. Comma-separated as a property. */
    @Parameter(property = "ghillie.preview.jvmFlags")
    private List<String> jvmFlags;

    /** Main class the entrypoint runs; defaults to the project property {@code mainClass}. Modules without one are skipped. */
    @Parameter(property = "ghillie.preview.mainClass")
    private String mainClass;

    /** Numeric, non-root user the container runs as: UID or UID:GID. */
    @Parameter(property = "ghillie.preview.user", defaultValue = ImageSettings.DEFAULT_USER)
    private String user;

    /** Image creation time: ISO-8601, seconds since 1970, EPOCH, or now (which makes builds not reproducible). */
    @Parameter(property = "ghillie.preview.creationTime", defaultValue = "${project.build.outputTimestamp}")
    private String creationTime;

    /** Git commit for the org.opencontainers.image.revision label; left out when unknown. */
    @Parameter(property = "ghillie.preview.revision", defaultValue = "${git.commit.id}")
    private String revision;

    /** Source URL for the org.opencontainers.image.source label; left out when unknown. */
    @Parameter(property = "ghillie.preview.source", defaultValue = "${project.scm.url}")
    private String source;

    /** Where image.tar, image.json and Jib's application layer cache go. */
    @Parameter(property = "ghillie.preview.imageOutputDirectory", defaultValue = "${project.build.directory}/ghillie-preview")
    private File outputDirectory;

    /** Jib's base image layer cache; Jib's per-user default when not set. */
    @Parameter(property = "ghillie.preview.baseImageCache")
    private File baseImageCache;

    /** The docker CLI for imageTarget=docker; {@code docker} on the PATH when not set. */
    @Parameter(property = "ghillie.preview.dockerExecutable")
    private File dockerExecutable;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("preview:image skipped (ghillie.preview.skip)");
            return;
        }
        if (!"jar".equals(project.getPackaging())) {
            getLog().info("preview:image: nothing to build for " + project.getArtifactId() + " (packaging " + project.getPackaging() + ")");
            return;
        }
        String main = mainClass != null ? mainClass : project.getProperties().getProperty("mainClass");
        if (main == null || main.isBlank()) {
            getLog().info("preview:image: nothing to build for " + project.getArtifactId()
                    + ": no main class (set ghillie.preview.mainClass or the project property mainClass)");
            return;
        }
        try {
            ImageResult result = new RuntimeImageBuilder(new MavenImageLog(getLog())).build(settings(main));
            project.getProperties().setProperty(REFERENCE_PROPERTY, result.reference());
            project.getProperties().setProperty(DIGEST_PROPERTY, result.digest());
            project.getProperties().setProperty(IMAGE_ID_PROPERTY, result.imageId());
            result.tarFile().ifPresent(tar -> project.getProperties().setProperty(TAR_PROPERTY, tar.toString()));
        } catch (ImageBuildException e) {
            throw failure(e);
        }
    }

    private ImageSettings settings(String main) throws MojoFailureException {
        try {
            ImageSettings.Builder settings = ImageSettings.builder()
                    .baseImage(baseImage)
                    .target(imageTarget)
                    .imageName(imageName)
                    .tag(imageTag)
                    .version(project.getVersion())
                    .mainClass(main)
                    .jvmFlags(jvmFlags)
                    .user(user)
                    .creationTime(creationTime)
                    .title(project.getArtifactId())
                    .revision(revision)
                    .source(source)
                    .classesDirectory(new File(project.getBuild().getOutputDirectory()).toPath())
                    .outputDirectory(outputDirectory.toPath())
                    .baseImageCache(baseImageCache == null ? null : baseImageCache.toPath())
                    .offline(session.isOffline())
                    .dockerExecutable(dockerExecutable == null ? null : dockerExecutable.toPath());
            Set<String> reactor = session.getProjects().stream().map(p -> p.getGroupId() + ":" + p.getArtifactId()).collect(Collectors.toSet());
            for (Artifact artifact : project.getArtifacts()) {
                if (artifact.getArtifactHandler().isAddedToClasspath() && artifact.getFile() != null) {
                    settings.addDependency(artifact.getFile().toPath(), kindOf(artifact, reactor));
                }
            }
            return settings.build();
        } catch (ImageBuildException e) {
            throw failure(e);
        }
    }

    /** The one-line message alone: Maven would append the cause's text to it. The cause stays visible with -X. */
    private MojoFailureException failure(ImageBuildException e) {
        if (e.getCause() != null) {
            getLog().debug("cause of the failure above", e.getCause());
        }
        return new MojoFailureException(e.getMessage());
    }

    static AppDependency.Kind kindOf(Artifact artifact, Set<String> reactor) {
        if (reactor.contains(artifact.getGroupId() + ":" + artifact.getArtifactId())) {
            return AppDependency.Kind.PROJECT;
        }
        return artifact.isSnapshot() ? AppDependency.Kind.SNAPSHOT : AppDependency.Kind.RELEASE;
    }
}
