package dev.ghillie.preview.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.JavaContainerBuilder;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import dev.ghillie.preview.FileStamps;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.SkipRecord;
import dev.ghillie.preview.process.ProcessResult;
import dev.ghillie.preview.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds the runtime's container image with Jib, the way Jib's Java builder layers an application
 * (release jars, snapshot jars, reactor jars, resources, classes; a one-class change ships one
 * small layer), tags it with its content and records the result in {@code image.json}.
 * Knows nothing of Maven: everything arrives in one {@link ImageSettings}.
 */
public final class RuntimeImageBuilder {

    private static final int SHORT_ID_LENGTH = 12;
    /** A tag is a name for an image the daemon has: far below this, unless the daemon hangs. */
    private static final Duration DOCKER_TAG_TIMEOUT = Duration.ofMinutes(2);

    private static final Predicate<Path> IS_CLASS =
            path -> path.getFileName().toString().endsWith(".class");

    private final ProgressSink progress;
    private final PlainHttpPolicy plainHttp = new PlainHttpPolicy();
    private final RegistryProbe registryProbe = new RegistryProbe();
    private final DockerArchiveTags archiveTags = new DockerArchiveTags();

    public RuntimeImageBuilder(ProgressSink progress) {
        this.progress = progress;
    }

    public ImageResult build(ImageSettings settings) {
        checkInputs(settings);
        long start = System.nanoTime();
        Optional<String> reuseKey = TarReuse.key(settings);
        Optional<ImageResult> reused = reuseKey.flatMap(key -> TarReuse.reusable(settings, key));
        if (reused.isPresent()) {
            progress.step(String.format(
                    "image: %s (%s) unchanged, %s reused, in %d ms",
                    reused.get().reference(), reused.get().digest(), settings.tarFile(), millisSince(start)));
            return reused.get();
        }
        TarReuse.forget(settings);
        try {
            Plan plan = planFor(withPlatformsBase(settings));
            JibContainerBuilder container = plan.container();
            ImageResult result = switch (settings.target()) {
                case TAR -> toTar(container, settings);
                case REGISTRY -> toRegistry(container, settings);
                case DOCKER -> toDocker(container, settings);
            };
            progress.step(String.format(
                    "image: built %s (%s) for %s on %s, %s, in %d ms",
                    result.reference(),
                    result.digest(),
                    settings.platforms(),
                    settings.baseImage().reference(),
                    where(result),
                    millisSince(start)));
            writeResult(result, settings.resultFile());
            if (plan.complete()) {
                // Not when a startup cache is missing for a passing reason: the next build tries again.
                reuseKey.ifPresent(key -> TarReuse.remember(settings, key));
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw JibFailures.interrupted(e);
        } catch (RegistryException | IOException | ExecutionException | CacheDirectoryCreationException e) {
            throw new JibFailures(plainHttp).explain(e, settings);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // What Jib's API throws for a request it refuses; our own failures are PreviewExceptions and pass.
            throw new JibFailures(plainHttp).explain(e, settings);
        }
    }

    /**
     * What Jib is to build, and whether it is what these inputs give: not when a startup cache was asked for and
     * is missing for a reason the next build may not meet, which must then build (and try) again.
     */
    private record Plan(JibContainerBuilder container, boolean complete) {}

    /**
     * The settings with a {@code tar://} base narrowed to the image of the platform built for: Jib reads the first
     * image of a tar, whatever its platform (see {@link TarBase}).
     */
    private static ImageSettings withPlatformsBase(ImageSettings settings) {
        Optional<Path> tar = settings.baseImage().tarFile();
        if (tar.isEmpty()) {
            return settings;
        }
        Path selected = new TarBase(settings.baseImage()).forPlatform(settings.platforms(), settings.outputDirectory());
        return settings.withBaseImage(new BaseImage(settings.baseImage().reference(), Optional.of(selected)));
    }

    private Plan planFor(ImageSettings settings) throws IOException {
        if (settings.startupCache()) {
            return withStartupCache(settings);
        }
        JavaContainerBuilder java = fromBase(settings, JavaContainerBuilder::from, JavaContainerBuilder::from)
                .setAppRoot(ImageSettings.APP_ROOT)
                // Maven copies resources next to the classes: split them so a code change leaves the resources layer
                // alone.
                // The order of these calls is the classpath order (the project before its jars); the layer order is
                // Jib's.
                .addResources(settings.classesDirectory(), IS_CLASS.negate())
                .addClasses(settings.classesDirectory(), IS_CLASS)
                .addDependencies(jars(settings, AppDependency.Kind.RELEASE))
                .addSnapshotDependencies(jars(settings, AppDependency.Kind.SNAPSHOT))
                .addProjectDependencies(jars(settings, AppDependency.Kind.PROJECT))
                .addJvmFlags(settings.jvmFlags())
                .setMainClass(settings.mainClass());
        return new Plan(withRuntimeContract(java.toContainerBuilder(), settings), true);
    }

    /** What every ghillie image promises the chart: working directory, non-root user, port, labels, a fixed time. */
    private static JibContainerBuilder withRuntimeContract(JibContainerBuilder container, ImageSettings settings) {
        container
                .setWorkingDirectory(AbsoluteUnixPath.get(ImageSettings.APP_ROOT))
                .setUser(settings.user())
                .addExposedPort(Port.tcp(settings.containerPort()))
                .setLabels(settings.labels())
                .setCreationTime(settings.creationTime())
                .setPlatforms(jibPlatforms(settings.platforms()));
        settings.portVariable()
                .ifPresent(variable ->
                        container.addEnvironmentVariable(variable, Integer.toString(settings.containerPort())));
        return container;
    }

    /** Jib's words for the platforms; without them Jib builds linux/amd64 whatever the machine or cluster. */
    private static Set<Platform> jibPlatforms(TargetPlatforms platforms) {
        Set<Platform> jib = new LinkedHashSet<>();
        platforms.platforms().forEach(platform -> jib.add(new Platform(platform.architecture(), platform.os())));
        return jib;
    }

    /**
     * The layout a startup cache needs (see {@link ClassPathLayout}): jars only, listed one by one, layered as Jib
     * layers them (releases lowest, the module's own jar on top), and the cache above them when training made one.
     * A registry base is copied to a tar once for the training run, and the image is built on that same copy, so
     * the JVM the cache was made by is the one shipped even if the base's tag moves meanwhile.
     */
    private Plan withStartupCache(ImageSettings settings) throws IOException {
        Path work = settings.startupCacheDirectory();
        ClassPathLayout layout = ClassPathLayout.write(
                settings.classesDirectory(), settings.dependencies(), work.resolve(ClassPathLayout.APP_JAR));
        StartupCache.Outcome outcome = new StartupCache(progress)
                .prepare(
                        new StartupCache.Service(
                                settings.mainClass(),
                                settings.jvmFlags(),
                                ImageSettings.APP_ROOT,
                                settings.containerPort(),
                                settings.portVariable(),
                                settings.healthPath(),
                                settings.readyPath()),
                        layout,
                        settings.platforms(),
                        suggested -> baseArchive(settings, suggested),
                        work);
        Optional<StartupCache.Made> cache = outcome.made();
        JibContainerBuilder container = cache.map(made -> Jib.from(TarImage.at(made.base())))
                .orElseGet(() -> fromBase(settings, Jib::from, Jib::from));
        for (ClassPathLayout.Layer layer : ClassPathLayout.Layer.values()) {
            List<ClassPathLayout.Entry> entries = layout.inLayer(layer);
            if (!entries.isEmpty()) {
                FileEntriesLayer.Builder files = FileEntriesLayer.builder().setName(layer.layerName());
                entries.forEach(entry -> files.addEntry(
                        entry.source(),
                        AbsoluteUnixPath.get(ImageSettings.APP_ROOT + "/" + entry.relative()),
                        FilePermissions.DEFAULT_FILE_PERMISSIONS,
                        ClassPathLayout.FILE_TIME));
                container.addFileEntriesLayer(files.build());
            }
        }
        List<String> entrypoint = new ArrayList<>();
        entrypoint.add(cache.map(StartupCache.Made::java).orElse("java"));
        entrypoint.addAll(settings.jvmFlags());
        cache.ifPresent(made -> {
            container.addFileEntriesLayer(FileEntriesLayer.builder()
                    .setName("startup cache")
                    .addEntry(
                            made.file(),
                            AbsoluteUnixPath.get(made.imagePath()),
                            FilePermissions.DEFAULT_FILE_PERMISSIONS,
                            ClassPathLayout.FILE_TIME)
                    .build());
            entrypoint.add(made.jvmFlag());
        });
        entrypoint.addAll(List.of("-cp", layout.classPath(ImageSettings.APP_ROOT), settings.mainClass()));
        return new Plan(
                withRuntimeContract(container.setEntrypoint(entrypoint).setProgramArguments(List.of()), settings),
                outcome.settled());
    }

    /**
     * The base as a docker-archive for the training run: the tar itself, or Jib's copy of the registry image (kept
     * for a base pinned by digest, which cannot change; written again for a tag, which can).
     */
    private Path baseArchive(ImageSettings settings, Path suggested) throws Exception {
        Optional<Path> tar = settings.baseImage().tarFile();
        if (tar.isPresent()) {
            return tar.get();
        }
        String reference = settings.baseImage().reference();
        SkipRecord copied = new SkipRecord(suggested.resolveSibling(suggested.getFileName() + ".reference"));
        if (reference.contains("@sha256:")
                && Files.isRegularFile(suggested)
                && copied.holds(reference + " " + FileStamps.stamp(suggested))) {
            return suggested;
        }
        copied.clear();
        Files.createDirectories(suggested.getParent());
        // The platform built for (the cache is made only when it is this machine's), not Jib's linux/amd64.
        fromBase(settings, Jib::from, Jib::from)
                .setPlatforms(jibPlatforms(settings.platforms()))
                .containerize(configured(
                        Containerizer.to(TarImage.at(suggested).named("ghillie-startup-cache-base")),
                        settings,
                        baseAllowsPlainHttp(settings)));
        copied.write(reference + " " + FileStamps.stamp(suggested));
        return suggested;
    }

    /** The base image as {@code tar} or {@code registry} takes it: from a tar file, or from its registry with Docker's credentials. */
    private <T> T fromBase(ImageSettings settings, Function<TarImage, T> tar, Function<RegistryImage, T> registry) {
        Optional<Path> file = settings.baseImage().tarFile();
        if (file.isPresent()) {
            return tar.apply(TarImage.at(file.get()));
        }
        ImageReference reference = reference(settings.baseImage().reference(), "ghillie.preview.baseImage");
        if (!settings.offline()) {
            registryProbe.unreachable(reference.getRegistry()).ifPresent(why -> {
                throw new ImageBuildException(JibFailures.baseUnreachable(settings, why));
            });
        }
        return registry.apply(withDockerCredentials(RegistryImage.named(reference), reference));
    }

    private ImageResult toTar(JibContainerBuilder container, ImageSettings settings)
            throws IOException, InterruptedException, RegistryException, ExecutionException,
                    CacheDirectoryCreationException {
        Path tar = settings.tarFile();
        TarImage target = TarImage.at(tar)
                .named(reference(settings.imageName() + ":" + settings.tag(), "ghillie.preview.imageName"));
        JibContainer built =
                container.containerize(configured(Containerizer.to(target), settings, baseAllowsPlainHttp(settings)));
        requireBuiltFor(settings, tar);
        List<String> tags = tags(settings, built);
        archiveTags.retag(
                tar, tags.stream().map(tag -> settings.imageName() + ":" + tag).toList());
        return result(settings, built, tags, Optional.of(tar));
    }

    /**
     * Jib takes a base that is one image (not an index) as it is, and when linux/amd64 was asked for it does not
     * even say that the base is another platform: the image is then the base's platform. Said here, not found
     * by a pod failing with "exec format error".
     */
    private static void requireBuiltFor(ImageSettings settings, Path tar) throws IOException {
        ImagePlatform wanted = settings.platforms().only();
        try (DockerArchive built = DockerArchive.open(tar)) {
            ImagePlatform platform = new ImagePlatform(built.os(), built.architecture());
            if (!platform.equals(wanted)) {
                throw new ImageBuildException(
                        "base image " + settings.baseImage().reference() + " is one image for " + platform
                                + ", not an index with " + settings.platforms().describe()
                                + ": use a multi-platform base such as "
                                + BaseImage.DEFAULT_REFERENCE + ", or set " + TargetPlatforms.PROPERTY + "=" + platform
                                + " to build for what it is");
            }
        }
    }

    private ImageResult toRegistry(JibContainerBuilder container, ImageSettings settings)
            throws IOException, InterruptedException, RegistryException, ExecutionException,
                    CacheDirectoryCreationException {
        ImageReference configured = reference(settings.imageName() + ":" + settings.tag(), "ghillie.preview.imageName");
        boolean targetAllowsPlainHttp = plainHttp.allows(configured.getRegistry());
        if (!targetAllowsPlainHttp
                && !settings.offline()
                && registryProbe.speaksOnlyPlainHttp(configured.getRegistry())) {
            throw new ImageBuildException(plainHttp.refusal(configured.getRegistry()));
        }
        boolean plainHttpAllowed = targetAllowsPlainHttp && baseAllowsPlainHttp(settings);
        JibContainer built = container.containerize(configured(
                Containerizer.to(withDockerCredentials(RegistryImage.named(configured), configured)),
                settings,
                plainHttpAllowed));
        List<String> tags = tags(settings, built);
        // The content tag needs the image id, known only now: push the same image again under it.
        // The layers are in the registry already, so this second push sends the manifest only.
        ImageReference derived = configured.withQualifier(tags.get(0));
        JibContainer again = container.containerize(configured(
                Containerizer.to(withDockerCredentials(RegistryImage.named(derived), derived)),
                settings,
                plainHttpAllowed));
        if (!again.getDigest().equals(built.getDigest())) {
            progress.warn("image: the content-tagged push got digest " + again.getDigest() + ", not "
                    + built.getDigest() + ": is ghillie.preview.creationTime 'now'?");
        }
        return result(settings, built, tags, Optional.empty());
    }

    private ImageResult toDocker(JibContainerBuilder container, ImageSettings settings)
            throws IOException, InterruptedException, RegistryException, ExecutionException,
                    CacheDirectoryCreationException {
        String docker = settings.dockerExecutable().map(Path::toString).orElse("docker");
        ProcessRunner processes = ProcessRunner.withJvmEnvironment(progress);
        if (processes.executables().find(docker).isEmpty()) {
            throw new ImageBuildException(
                    "imageTarget=docker needs the docker CLI ('" + docker + "' not found): install Docker, set"
                            + " ghillie.preview.dockerExecutable, or use -Dghillie.preview.imageTarget=tar (k3d image import) or registry");
        }
        DockerDaemonImage target = DockerDaemonImage.named(
                        reference(settings.imageName() + ":" + settings.tag(), "ghillie.preview.imageName"))
                .setDockerExecutable(Path.of(docker));
        JibContainer built =
                container.containerize(configured(Containerizer.to(target), settings, baseAllowsPlainHttp(settings)));
        List<String> tags = tags(settings, built);
        ProcessResult tagged = processes.run(
                DOCKER_TAG_TIMEOUT,
                docker,
                "tag",
                built.getImageId().toString(),
                settings.imageName() + ":" + tags.get(0));
        if (!tagged.succeeded()) {
            String output = tagged.stderr().isBlank() ? tagged.stdout() : tagged.stderr();
            throw new ImageBuildException("'" + tagged.commandLine() + "' failed: "
                    + output.lines().findFirst().orElse("") + " (is the Docker daemon running?)");
        }
        return result(settings, built, tags, Optional.empty());
    }

    private Containerizer configured(Containerizer containerizer, ImageSettings settings, boolean allowPlainHttp) {
        containerizer
                .setToolName("ghillie-preview")
                .setApplicationLayersCache(settings.applicationCache())
                .setAllowInsecureRegistries(allowPlainHttp)
                .setOfflineMode(settings.offline());
        settings.baseImageCache().ifPresent(containerizer::setBaseImageLayersCache);
        return new JibEventLog(progress).attachTo(containerizer);
    }

    private boolean baseAllowsPlainHttp(ImageSettings settings) {
        if (settings.baseImage().tarFile().isPresent()) {
            return true;
        }
        return plainHttp.allows(reference(settings.baseImage().reference(), "ghillie.preview.baseImage")
                .getRegistry());
    }

    private RegistryImage withDockerCredentials(RegistryImage image, ImageReference reference) {
        return image.addCredentialRetriever(
                CredentialRetrieverFactory.forImage(reference, new JibEventLog(progress)::onLog)
                        .dockerConfig());
    }

    private static List<Path> jars(ImageSettings settings, AppDependency.Kind kind) {
        return settings.dependencies().stream()
                .filter(d -> d.kind() == kind)
                .map(AppDependency::jar)
                .toList();
    }

    /** The content-derived tag first: it changes exactly when the image does, so a redeploy rolls only on a change. */
    private static List<String> tags(ImageSettings settings, JibContainer built) {
        String version = settings.version().replaceAll("[^A-Za-z0-9_.-]", "_");
        version = version.substring(0, Math.min(version.length(), 100));
        String derived = version + "-" + built.getImageId().getHash().substring(0, SHORT_ID_LENGTH);
        List<String> tags = new ArrayList<>(List.of(derived));
        if (!settings.tag().equals(derived)) {
            tags.add(settings.tag());
        }
        return tags;
    }

    private static ImageResult result(
            ImageSettings settings, JibContainer built, List<String> tags, Optional<Path> tar) {
        return new ImageResult(
                settings.imageName() + ":" + tags.get(0),
                built.getDigest().toString(),
                built.getImageId().toString(),
                tags,
                settings.target(),
                tar);
    }

    private static void checkInputs(ImageSettings settings) {
        TargetPlatforms platforms = settings.platforms();
        if (!platforms.single() && settings.target() != ImageTarget.REGISTRY) {
            throw new ImageBuildException("the image is built for " + platforms.describe() + ", and a "
                    + settings.target().id()
                    + " image holds one platform: set " + TargetPlatforms.PROPERTY
                    + " to one of them, or push to a registry"
                    + " (-Dghillie.preview.imageTarget=registry, or ghillie.preview.registry for up)");
        }
        if (!platforms.single() && settings.baseImage().tarFile().isPresent()) {
            throw new ImageBuildException(
                    "the image is built for " + platforms.describe() + ", and Jib reads one platform of a"
                            + " tar:// base (ghillie.preview.baseImage="
                            + settings.baseImage().reference() + "): use a multi-platform registry"
                            + " base such as " + BaseImage.DEFAULT_REFERENCE + ", or set " + TargetPlatforms.PROPERTY
                            + " to one platform");
        }
        if (!Files.isDirectory(settings.classesDirectory())) {
            throw new ImageBuildException("no compiled classes in " + settings.classesDirectory()
                    + ": build them first, e.g. mvn package preview:image");
        }
        settings.baseImage().tarFile().filter(tar -> !Files.isRegularFile(tar)).ifPresent(tar -> {
            throw new ImageBuildException("base image tar " + tar + " does not exist (ghillie.preview.baseImage="
                    + settings.baseImage().reference()
                    + "): give an existing docker-archive tar, or a registry reference");
        });
        for (AppDependency dependency : settings.dependencies()) {
            if (!Files.isRegularFile(dependency.jar())) {
                throw new ImageBuildException(
                        "dependency " + dependency.jar() + " is not a jar file: package the module first"
                                + " (mvn package preview:image), so reactor dependencies are jars, not class folders");
            }
        }
        Path output = settings.outputDirectory();
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new ImageBuildException(
                    "cannot create the output directory " + output + " ("
                            + e.getClass().getSimpleName() + "): check the permissions of " + output.getParent(),
                    e);
        }
        if (!Files.isWritable(output)) {
            throw new ImageBuildException(
                    "the output directory " + output + " is not writable: check its permissions, or run mvn clean");
        }
    }

    private static ImageReference reference(String value, String property) {
        try {
            return ImageReference.parse(value);
        } catch (InvalidImageReferenceException e) {
            throw new ImageBuildException(property + "='" + value
                    + "' is not an image reference: use [registry/]repository[:tag][@sha256:digest]");
        }
    }

    private static String where(ImageResult result) {
        return switch (result.target()) {
            case TAR -> "written to " + result.tarFile().orElseThrow();
            case REGISTRY -> "pushed";
            case DOCKER -> "loaded into Docker";
        };
    }

    private void writeResult(ImageResult result, Path file) {
        try {
            Files.writeString(file, result.toJson());
        } catch (IOException e) {
            throw new ImageBuildException(
                    "cannot write " + file + " (" + e.getClass().getSimpleName() + "): check the permissions of "
                            + file.getParent(),
                    e);
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
