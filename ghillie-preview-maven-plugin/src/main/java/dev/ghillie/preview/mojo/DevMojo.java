package dev.ghillie.preview.mojo;

import dev.ghillie.preview.DurationText;
import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.cluster.K3dRegistry;
import dev.ghillie.preview.dev.DependencyBuild;
import dev.ghillie.preview.dev.PreviewDev;
import dev.ghillie.preview.dev.TimedServiceBuild;
import dev.ghillie.preview.dev.WatchedInputs;
import dev.ghillie.preview.image.ImageSettings;
import dev.ghillie.preview.lifecycle.KubernetesUpSteps;
import dev.ghillie.preview.lifecycle.PreviewRecord;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.DebugPort;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.SettingsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * The inner loop: brings the preview up as {@code up} does, then watches the service's sources and resources, its
 * reactor dependencies', the chart and the values files, and rolls each change out by itself: the module built in
 * this Maven process, the image, its load and the release for code; the release alone for the chart. One line per
 * round, ending {@code serving <digest> in N s}; the pods' logs in between. Ctrl-C ends the loop and leaves the
 * preview up ({@code preview:down} removes it). Takes every setting of {@code up}.
 */
@Mojo(name = "dev", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public class DevMojo extends UpMojo {

    /** How long, in milliseconds, a burst of saves must be quiet before it makes a round. */
    @Parameter(property = "ghillie.preview.debounceMillis", defaultValue = "200")
    private int debounceMillis;

    @Override
    public void execute() throws MojoFailureException {
        if (!isServiceModule("dev")) {
            return;
        }
        long start = System.nanoTime();
        try {
            PreviewSettings settings = previewSettings();
            if (debounceMillis < 0 || debounceMillis > 3000) {
                throw new SettingsException(
                        "ghillie.preview.debounceMillis=" + debounceMillis + " is not between 0 and 3000:"
                                + " use e.g. 200 (milliseconds without a save before a round starts)");
            }
            Duration quiet = Duration.ofMillis(debounceMillis);
            ImageSettings image =
                    imageSettings(serviceMainClass(), settings.registry().map(K3dRegistry::pushHost));
            ProgressSink progress = progress();
            TimedServiceBuild moduleBuild = new TimedServiceBuild(roundBuild(project, progress));
            Map<Path, MavenProject> dependencies = reactorDependencySources();
            WatchedInputs inputs = new WatchedInputs(
                    sourceRoots(project),
                    List.copyOf(dependencies.keySet()),
                    settings.chartDir(),
                    settings.valuesFiles(),
                    buildDirectories(dependencies));
            Optional<DebugPort> debug = debugPort(settings);
            try (KubernetesUpSteps steps = new KubernetesUpSteps(
                    settings, moduleBuild, image, clusterProvider(settings), helm(settings), progress, debug)) {
                boolean[] first = {true};
                PreviewDev dev = new PreviewDev(
                        settings,
                        steps,
                        moduleBuild,
                        dependencyBuild(dependencies, progress),
                        new PreviewDev.Options(inputs, quiet, debug),
                        progress,
                        System.out::println,
                        result -> {
                            PreviewRecord.of(settings, result).write(settings.previewRecord());
                            if (first[0]) {
                                first[0] = false;
                                getLog().info("Preview ready: "
                                        + result.access().url() + " in "
                                        + DurationText.of(Duration.ofNanos(System.nanoTime() - start)) + " ("
                                        + settings.previewRecord() + ")");
                            }
                        },
                        DevMojo::takeBackCtrlC);
                Thread onCtrlC = new Thread(
                        () -> {
                            dev.stop();
                            getLog().info("preview:dev ended: the preview stays up (release " + settings.release()
                                    + " in namespace "
                                    + settings.namespace() + "; preview:status shows it, preview:down removes it)"
                                    + (settings.access() == AccessMode.PORT_FORWARD
                                            ? "; the port-forward ended with it, preview:up opens one"
                                            : ""));
                        },
                        "ghillie-preview-dev-stop");
                Runtime.getRuntime().addShutdownHook(onCtrlC);
                try {
                    dev.run();
                } finally {
                    removeHook(onCtrlC);
                }
            }
        } catch (PreviewException e) {
            throw failure(e);
        }
    }

    /**
     * Helm's native library (helm-java's Go code) asks Go's runtime for SIGINT and SIGTERM when it upgrades a release, and
     * from then on the JVM never sees Ctrl-C: seen on the end-to-end cluster, where SIGINT left the goal running. Before
     * each wait for a change the JVM's own behaviour is put back: exit, which runs the shutdown hooks (130, as a shell
     * reports SIGINT).
     */
    @SuppressWarnings("restriction")
    private static void takeBackCtrlC() {
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> System.exit(130));
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(143));
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs
        }
    }

    /** A module's compile source roots and resource directories, not those a build generates under its build directory. */
    private static List<Path> sourceRoots(MavenProject module) {
        Path buildDir =
                Path.of(module.getBuild().getDirectory()).toAbsolutePath().normalize();
        List<Path> roots = new ArrayList<>();
        module.getCompileSourceRoots().forEach(root -> roots.add(Path.of(root)));
        for (Resource resource : module.getResources()) {
            roots.add(Path.of(resource.getDirectory()));
        }
        return roots.stream()
                .map(root -> root.toAbsolutePath().normalize())
                .filter(root -> !root.startsWith(buildDir))
                .distinct()
                .toList();
    }

    /** The source roots of the service's compile and runtime dependencies that are modules of this reactor, each with its module. */
    private Map<Path, MavenProject> reactorDependencySources() {
        Map<Path, MavenProject> roots = new LinkedHashMap<>();
        for (MavenProject module : session.getProjects()) {
            if (module == project) {
                continue;
            }
            boolean dependency = project.getArtifacts().stream()
                    .filter(artifact -> Artifact.SCOPE_COMPILE.equals(artifact.getScope())
                            || Artifact.SCOPE_RUNTIME.equals(artifact.getScope()))
                    .anyMatch(artifact -> artifact.getGroupId().equals(module.getGroupId())
                            && artifact.getArtifactId().equals(module.getArtifactId()));
            if (dependency) {
                sourceRoots(module).forEach(root -> roots.put(root, module));
            }
        }
        return roots;
    }

    private List<Path> buildDirectories(Map<Path, MavenProject> dependencies) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(Path.of(project.getBuild().getDirectory()));
        dependencies.values().stream()
                .distinct()
                .forEach(module -> dirs.add(Path.of(module.getBuild().getDirectory())));
        return dirs;
    }

    /** Each changed dependency module built in this process, in the reactor's order, before the service. */
    private DependencyBuild dependencyBuild(Map<Path, MavenProject> dependencies, ProgressSink progress) {
        if (dependencies.isEmpty()) {
            return DependencyBuild.NONE;
        }
        return changedRoots -> {
            List<String> built = new ArrayList<>();
            session.getProjects().stream()
                    .filter(module -> changedRoots.stream().anyMatch(root -> dependencies.get(root) == module))
                    .forEach(module -> roundBuild(module, progress).run().ifPresent(built::add));
            return built.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", built));
        };
    }
}
