package dev.ghillie.preview.mojo;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.SkipRecord;
import dev.ghillie.preview.image.ServiceBuild;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutionException;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.lifecycle.internal.MojoExecutor;
import org.apache.maven.lifecycle.internal.ProjectIndex;
import org.apache.maven.plugin.MojoExecution;
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
 *
 * <p>The goals run through Maven's {@code MojoExecutor}, an internal class of maven-core: it is what runs
 * an {@code @Execute} fork, and doing its work by hand (per-goal dependency scopes, forks, events, phase
 * records) would copy it badly.
 */
final class MavenServiceBuild implements ServiceBuild {

    static final Set<String> TEST_PHASES = Set.of(
            "generate-test-sources",
            "process-test-sources",
            "generate-test-resources",
            "process-test-resources",
            "test-compile",
            "process-test-classes",
            "test");

    private final LifecycleExecutor lifecycle;
    private final MojoExecutor mojos;
    private final MavenSession session;
    private final MavenProject project;
    private final String ownPlugin;
    private final ProgressSink progress;
    /** The thread Maven runs the goal on, which owns the project's lock under {@code -T}. */
    private final Thread goalThread = Thread.currentThread();

    private MavenServiceBuild(
            LifecycleExecutor lifecycle,
            MojoExecutor mojos,
            MavenSession session,
            MavenProject project,
            String ownPlugin,
            ProgressSink progress) {
        this.lifecycle = lifecycle;
        this.mojos = mojos;
        this.session = session;
        this.project = project;
        this.ownPlugin = ownPlugin;
        this.progress = progress;
    }

    /**
     * The build {@code self} needs: none when it runs inside a lifecycle, or when one already packaged the
     * module in this build; otherwise the module's own build up to {@code package}.
     */
    static ServiceBuild forGoal(
            MojoExecution self,
            LifecycleExecutor lifecycle,
            MojoExecutor mojos,
            MavenSession session,
            MavenProject project,
            ProgressSink progress) {
        if (self.getLifecyclePhase() != null || project.hasLifecyclePhase("package")) {
            return ALREADY_BUILT;
        }
        String ownPlugin = self.getGroupId() + ":" + self.getArtifactId();
        return new MavenServiceBuild(lifecycle, mojos, session, project, ownPlugin, progress);
    }

    /**
     * The build of {@code module} whenever it is asked for, lifecycle or not, for {@code preview:dev}'s rounds: each
     * round must compile what changed since the last one. {@code module} may be the goal's project or another module of
     * its reactor (a dependency of the service), which is then the session's current project while it builds.
     */
    static ServiceBuild forRounds(
            MojoExecution self,
            LifecycleExecutor lifecycle,
            MojoExecutor mojos,
            MavenSession session,
            MavenProject module,
            ProgressSink progress) {
        return new MavenServiceBuild(
                lifecycle, mojos, session, module, self.getGroupId() + ":" + self.getArtifactId(), progress);
    }

    @Override
    public Optional<String> run() {
        // Maven plans and runs goals for the session's current project: the module's, while it builds.
        MavenProject goalProject = session.getCurrentProject();
        session.setCurrentProject(project);
        try {
            return build();
        } finally {
            session.setCurrentProject(goalProject);
        }
    }

    private Optional<String> build() {
        List<MojoExecution> executions = plan();
        Path buildDir = Path.of(project.getBuild().getDirectory());
        Path outputs = Path.of(project.getBuild().getOutputDirectory());
        SkipRecord record = new SkipRecord(buildDir.resolve("ghillie-preview").resolve("build-inputs.sha256"));
        Map<Object, Object> properties = new HashMap<>(project.getProperties());
        properties.putAll(session.getUserProperties());
        List<Path> resourceDirs = project.getResources().stream()
                .map(resource -> Path.of(resource.getDirectory()))
                .toList();
        BuildInputs inputs = new BuildInputs(
                project.getBasedir().toPath(), buildDir, resourceDirs, executions, properties, project.getArtifacts());
        Optional<String> before = inputs.fingerprint();
        // The classes must also be as this build left them: another build (a profile, a clean) may have changed them.
        if (withOutputs(before, outputs).filter(record::holds).isPresent()) {
            return Optional.of("build of " + project.getArtifactId() + " skipped: nothing changed since the last one");
        }
        progress.detail("building " + project.getArtifactId() + " up to package, without tests");
        // Maven resolves dependencies for each goal in the scope the goal asks for; ours were resolved for this goal.
        Set<Artifact> resolved = new LinkedHashSet<>(project.getArtifacts());
        try {
            onGoalThread(() -> mojos.execute(session, executions, new ProjectIndex(session.getProjects())));
        } finally {
            project.setArtifacts(resolved);
        }
        withOutputs(before, outputs).ifPresent(record::write);
        return Optional.of("built " + project.getArtifactId() + " (" + executions.size()
                + " plugin goals up to package, no tests)");
    }

    /** The inputs' fingerprint with the classes as they are now; empty when either cannot be read, which means: build. */
    private static Optional<String> withOutputs(Optional<String> inputs, Path outputs) {
        return inputs.flatMap(in -> BuildInputs.outputs(outputs).map(out -> in + " " + out));
    }

    /**
     * Runs Maven's own executor for the goals: per-goal dependency resolution, forked executions, the
     * {@code --- plugin:goal ---} lines, the phases recorded on the project. On the goal's own thread: under the
     * multithreaded builder ({@code -T}) Maven's {@code MojoExecutor} locks the project for the goal with a lock
     * owned by that thread (a {@code ReentrantLock}, maven-core 3.9 and 4 alike), so each nested goal takes it again
     * there, while on any other thread it waits for the goal, which waits for it: for ever. The plugin manager saves
     * and restores what it changes on the thread (the session holder, the context class loader, the mojo scope).
     */
    private void onGoalThread(MavenWork work) {
        if (Thread.currentThread() != goalThread) {
            throw new IllegalStateException("the module build must run on the goal's thread " + goalThread.getName()
                    + ", which holds the project's lock under -T; it was called on "
                    + Thread.currentThread().getName());
        }
        try {
            work.run();
        } catch (LifecycleExecutionException e) {
            // "Failed to execute goal G:A:V:goal (id) on project P: cause" says it all once the frame is off.
            String what =
                    firstLine(e).replaceFirst("^Failed to execute goal ", "").replaceFirst(" on project [^ :]+:", ":");
            throw new PreviewException(
                    "Building " + project.getArtifactId() + " failed in " + what
                            + " (the plugin's own errors are above); fix it and run the goal again",
                    e);
        } catch (RuntimeException e) {
            throw new PreviewException(
                    "Building " + project.getArtifactId() + " failed: " + firstLine(e)
                            + "; 'mvn package' shows the same failure with its details",
                    e);
        }
    }

    @FunctionalInterface
    private interface MavenWork {
        void run() throws LifecycleExecutionException;
    }

    private List<MojoExecution> plan() {
        try {
            return lifecycle.calculateExecutionPlan(session, "package").getMojoExecutions().stream()
                    .filter(execution -> !TEST_PHASES.contains(execution.getLifecyclePhase()))
                    // Our own goals bound at or before package would start this build again.
                    .filter(execution -> !ownPlugin.equals(execution.getGroupId() + ":" + execution.getArtifactId()))
                    .toList();
        } catch (Exception e) {
            throw new PreviewException(
                    "Could not plan the build of " + project.getArtifactId() + " up to package: " + firstLine(e)
                            + "; check the module's plugins with 'mvn package', or run 'mvn package' before the goal",
                    e);
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
