package dev.ghillie.preview.mojo;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.image.ServiceBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;

/**
 * Packages the service module in this Maven process, the way {@code mvn package -Dmaven.test.skip}
 * would, for a goal typed on the command line ({@code ./mvnw preview:up}): such a goal has no
 * lifecycle before it, and an image of stale classes would preview old code.
 *
 * <p>Why not {@code @Execute(phase = PACKAGE)}: Maven forks that lifecycle also when the goal is bound
 * in a build ({@code mvn verify -Ppreview}), which would then compile, test and package twice. Here
 * the module is built only when the goal was typed on the command line and no lifecycle packaged the
 * module earlier in the same build ({@code mvn package preview:up}). Test phases are left out: a
 * preview is not a test run, and {@code mvn verify -Ppreview} runs them anyway.
 */
final class MavenServiceBuild implements ServiceBuild {

    static final Set<String> TEST_PHASES = Set.of("generate-test-sources", "process-test-sources", "generate-test-resources",
            "process-test-resources", "test-compile", "process-test-classes", "test");

    private final LifecycleExecutor lifecycle;
    private final BuildPluginManager plugins;
    private final MavenSession session;
    private final MavenProject project;
    private final String ownPlugin;
    private final Consumer<String> progress;

    private MavenServiceBuild(LifecycleExecutor lifecycle, BuildPluginManager plugins, MavenSession session, MavenProject project,
            String ownPlugin, Consumer<String> progress) {
        this.lifecycle = lifecycle;
        this.plugins = plugins;
        this.session = session;
        this.project = project;
        this.ownPlugin = ownPlugin;
        this.progress = progress;
    }

    /**
     * The build {@code self} needs: none when it runs inside a lifecycle, or when one already packaged the
     * module in this build; otherwise the module's own build up to {@code package}.
     */
    static ServiceBuild forGoal(MojoExecution self, LifecycleExecutor lifecycle, BuildPluginManager plugins, MavenSession session,
            MavenProject project, Consumer<String> progress) {
        if (self.getLifecyclePhase() != null || project.hasLifecyclePhase("package")) {
            return ALREADY_BUILT;
        }
        String ownPlugin = self.getGroupId() + ":" + self.getArtifactId();
        return new MavenServiceBuild(lifecycle, plugins, session, project, ownPlugin, progress);
    }

    @Override
    public Optional<String> run() {
        List<MojoExecution> executions = plan();
        Path buildDir = Path.of(project.getBuild().getDirectory());
        Path record = buildDir.resolve("ghillie-preview").resolve("build-inputs.sha256");
        Map<Object, Object> properties = new HashMap<>(project.getProperties());
        properties.putAll(session.getUserProperties());
        List<Path> read = new ArrayList<>();
        if (project.getFile() != null) {
            read.add(project.getFile().toPath());
        }
        project.getCompileSourceRoots().forEach(root -> read.add(Path.of(root)));
        project.getResources().forEach(resource -> read.add(Path.of(resource.getDirectory())));
        String inputs = new BuildInputs(project.getBasedir().toPath(), read, executions, properties, project.getArtifacts())
                .fingerprint();
        if (Files.isDirectory(Path.of(project.getBuild().getOutputDirectory())) && inputs.equals(recorded(record))) {
            return Optional.of("build of " + project.getArtifactId() + " skipped: nothing changed since the last one");
        }
        int ran = 0;
        for (MojoExecution execution : executions) {
            String name = execution.getMojoDescriptor().getPluginDescriptor().getGoalPrefix() + ":" + execution.getGoal()
                    + " (" + execution.getExecutionId() + ")";
            progress.accept(name);
            try {
                plugins.executeMojo(session, execution);
            } catch (MojoFailureException | MojoExecutionException e) {
                throw new PreviewException("Building " + project.getArtifactId() + " failed in " + name + ": " + firstLine(e)
                        + " (the errors are above); fix it and run the goal again");
            } catch (Exception e) {
                throw new PreviewException("Building " + project.getArtifactId() + " failed in " + name + ": " + firstLine(e)
                        + "; 'mvn package' shows the same failure with its details");
            }
            // What the lifecycle records too: the reactor then serves this module's jar to later modules.
            project.addLifecyclePhase(execution.getLifecyclePhase());
            ran++;
        }
        record(record, inputs);
        return Optional.of("built " + project.getArtifactId() + " (" + ran + " plugin goals up to package, no tests)");
    }

    private static String recorded(Path record) {
        try {
            return Files.isRegularFile(record) ? Files.readString(record).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void record(Path record, String inputs) {
        try {
            Files.createDirectories(record.getParent());
            Files.writeString(record, inputs + "\n");
        } catch (IOException e) {
            // Without the record the next run builds again: slower, never wrong.
        }
    }

    private List<MojoExecution> plan() {
        try {
            return lifecycle.calculateExecutionPlan(session, "package").getMojoExecutions().stream()
                    .filter(execution -> !TEST_PHASES.contains(execution.getLifecyclePhase()))
                    // Our own goals bound at or before package would start this build again.
                    .filter(execution -> !ownPlugin.equals(execution.getGroupId() + ":" + execution.getArtifactId()))
                    .toList();
        } catch (Exception e) {
            throw new PreviewException("Could not plan the build of " + project.getArtifactId() + " up to package: " + firstLine(e)
                    + "; check the module's plugins with 'mvn package', or run 'mvn package' before the goal");
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
