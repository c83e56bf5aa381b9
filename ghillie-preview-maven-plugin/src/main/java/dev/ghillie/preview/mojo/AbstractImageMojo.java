package dev.ghillie.preview.mojo;

import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.image.AppDependency;
import dev.ghillie.preview.image.BaseImage;
import dev.ghillie.preview.image.DockerImageName;
import dev.ghillie.preview.image.ImageSettings;
import dev.ghillie.preview.image.ServiceBuild;
import dev.ghillie.preview.settings.ServiceConventions;
import dev.ghillie.preview.settings.SettingSources;
import dev.ghillie.preview.settings.SettingValue;
import dev.ghillie.preview.settings.SettingsException;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.lifecycle.internal.MojoExecutor;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;

/** The image parameters shared by {@code preview:image} and {@code preview:up}, translated into one {@link ImageSettings}. */
abstract class AbstractImageMojo extends AbstractPreviewMojo {

    /** Base image: a registry reference (pin it with @sha256:...) or tar:///path/image.tar, a docker-archive tar, for offline builds. */
    @Parameter(property = "ghillie.preview.baseImage", defaultValue = BaseImage.DEFAULT_REFERENCE)
    private String baseImage;

    /** Where the image goes: tar (docker-archive under target/ for k3d image import), registry, or docker. */
    @Parameter(property = "ghillie.preview.imageTarget", defaultValue = "tar")
    private String imageTarget;

    /** Repository of the image, without a tag; include the registry host for imageTarget=registry, e.g. localhost:5001/my-service (env GHILLIE_IMAGE_REPO; default the artifactId). */
    @Parameter(property = "ghillie.preview.imageName")
    private String imageName;

    /** Tag given besides the content-derived {@code <version>-<image id>} tag, which alone pins the pod (env GHILLIE_IMAGE_TAG; default the version). */
    @Parameter(property = "ghillie.preview.imageTag")
    private String imageTag;

    /** JVM flags of the entrypoint; replace the default -XX:MaxRAMPercentage=75,-XX:+ExitOnOutOfMemoryError. Comma-separated as a property. */
    @Parameter(property = "ghillie.preview.jvmFlags")
    private List<String> jvmFlags;

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
    @Parameter(
            property = "ghillie.preview.imageOutputDirectory",
            defaultValue = "${project.build.directory}/ghillie-preview")
    private File outputDirectory;

    /** Jib's base image layer cache; Jib's per-user default when not set. */
    @Parameter(property = "ghillie.preview.baseImageCache")
    private File baseImageCache;

    /** The docker CLI for imageTarget=docker; {@code docker} on the PATH when not set. */
    @Parameter(property = "ghillie.preview.dockerExecutable")
    private File dockerExecutable;

    /**
     * Ship a startup cache: a training run of the service on the base image's own JVM (a JDK 25+ base; a Linux
     * machine of the image's architecture) writes a JDK ahead-of-time cache, which the image's JVM maps at start.
     * Costs one training run (a few seconds) per change of the code or dependencies; see docs/image.md.
     */
    @Parameter(property = "ghillie.preview.startupCache", defaultValue = "false")
    private boolean startupCache;

    /**
     * Platforms to build for, {@code linux/ARCH} comma-separated, e.g. {@code linux/arm64} or {@code linux/amd64,linux/arm64}
     * (several need imageTarget=registry and a registry base). Default: the cluster's nodes for {@code up}, this machine for
     * {@code image}.
     */
    @Parameter(property = "ghillie.preview.platforms")
    private String platforms;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    @Component
    private LifecycleExecutor lifecycleExecutor;

    @Component
    private MojoExecutor mojoExecutor;

    /** What makes the classes and libraries the image is built from: see {@link MavenServiceBuild}. */
    protected ServiceBuild serviceBuild(ProgressSink progress) {
        return MavenServiceBuild.forGoal(mojoExecution, lifecycleExecutor, mojoExecutor, session, project, progress);
    }

    /** The build of {@code module} (this one or a reactor dependency) for every round of {@code preview:dev}, lifecycle or not. */
    protected ServiceBuild roundBuild(org.apache.maven.project.MavenProject module, ProgressSink progress) {
        return MavenServiceBuild.forRounds(mojoExecution, lifecycleExecutor, mojoExecutor, session, module, progress);
    }

    /** The image settings for the service whose main class is {@code main}; wrong values fail with the property's name. */
    protected ImageSettings imageSettings(String main) {
        return imageSettings(main, Optional.empty());
    }

    /** As {@link #imageSettings(String)}, pushed to {@code registryHost} when one is given (k3d registry mode). */
    protected ImageSettings imageSettings(String main, Optional<String> registryHost) {
        SettingSources sources = settingSources();
        SettingValue name = sources.find(imageName, List.of("GHILLIE_IMAGE_REPO"))
                .orElse(new SettingValue(project.getArtifactId(), Optional.empty()));
        SettingValue tag = sources.find(imageTag, List.of("GHILLIE_IMAGE_TAG"))
                .orElse(new SettingValue(project.getVersion(), Optional.empty()));
        if (registryHost.isPresent()
                && DockerImageName.registryHost(name.text()).isPresent()) {
            throw new SettingsException(
                    "ghillie.preview.imageName='" + name.text() + "' names a registry, but ghillie.preview.registry"
                            + " decides where the image goes (" + registryHost.get()
                            + "): give the name without a registry host, e.g. '"
                            + name.text().substring(name.text().indexOf('/') + 1) + "'" + name.readFrom());
        }
        if (registryHost.isPresent() && session.isOffline()) {
            // ghillie.preview.registry forces the registry target, so ImageSettings' own offline line (imageTarget=tar)
            // would not help.
            throw new SettingsException("ghillie.preview.registry pushes the image to " + registryHost.get()
                    + ", and Maven runs offline (-o),"
                    + " where Jib pushes nothing: run without -o, or leave out ghillie.preview.registry and the image is imported into"
                    + " the cluster's nodes");
        }
        ImageSettings.Builder settings = ImageSettings.builder()
                .baseImage(baseImage)
                .target(registryHost.isPresent() ? "registry" : imageTarget)
                .imageName(registryHost
                        .map(host -> new SettingValue(host + "/" + name.text(), name.environmentVariable()))
                        .orElse(name))
                .tag(tag)
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
                .dockerExecutable(dockerExecutable == null ? null : dockerExecutable.toPath())
                .startupCache(startupCache)
                .platforms(platforms);
        ServiceConventions service = serviceConventions();
        // The port and its variable go into the image: checked here too, not only by up's settings check.
        List<String> problems = new ArrayList<>();
        service.validate(problems);
        if (!problems.isEmpty()) {
            throw new SettingsException(String.join(System.lineSeparator(), problems));
        }
        settings.port(service.containerPort(), service.portVariable())
                .probePaths(service.healthPath(), service.readyPath());
        Set<String> reactor = session.getProjects().stream()
                .map(p -> p.getGroupId() + ":" + p.getArtifactId())
                .collect(Collectors.toSet());
        for (Artifact artifact : project.getArtifacts()) {
            // The goals resolve compile+runtime so that a command-line build can compile; the image takes what runs.
            boolean runs = Artifact.SCOPE_COMPILE.equals(artifact.getScope())
                    || Artifact.SCOPE_RUNTIME.equals(artifact.getScope());
            if (runs && artifact.getArtifactHandler().isAddedToClasspath() && artifact.getFile() != null) {
                settings.addDependency(artifact.getFile().toPath(), kindOf(artifact, reactor));
            }
        }
        return settings.build();
    }

    static AppDependency.Kind kindOf(Artifact artifact, Set<String> reactor) {
        if (reactor.contains(artifact.getGroupId() + ":" + artifact.getArtifactId())) {
            return AppDependency.Kind.PROJECT;
        }
        return artifact.isSnapshot() ? AppDependency.Kind.SNAPSHOT : AppDependency.Kind.RELEASE;
    }
}
