package dev.ghillie.preview.process;

import dev.ghillie.preview.ProgressSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.codehaus.plexus.util.cli.CommandLineException;
import org.codehaus.plexus.util.cli.CommandLineUtils;
import org.codehaus.plexus.util.cli.Commandline;
import org.codehaus.plexus.util.cli.shell.Shell;

/**
 * Runs external programs with exactly the environment it was given: executables are looked up on
 * that environment's {@code PATH}, and the child sees no other variable. Tests and the build put a
 * fake or shimmed {@code k3d} first on that PATH without touching the JVM's own environment.
 *
 * <p>Immutable: the {@code with…} methods return a new runner. Every command line and output line
 * goes to the debug log through the {@link SecretMasker}; the {@link ProcessResult} keeps the raw text.
 */
public final class ProcessRunner {

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final SecretMasker masker;
    private final ProgressSink progress;

    /**
     * @param environment      the complete environment of every child process (include PATH)
     * @param workingDirectory directory the children start in, or {@code null} for the JVM's
     * @param masker           hides secrets in everything this runner logs or reports
     * @param progress         receives one debug line per command, output line and exit
     */
    public ProcessRunner(
            Map<String, String> environment, Path workingDirectory, SecretMasker masker, ProgressSink progress) {
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        this.workingDirectory = workingDirectory;
        this.masker = Objects.requireNonNull(masker, "masker");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** A runner whose children see the JVM's environment, as a build normally wants. */
    public static ProcessRunner withJvmEnvironment(ProgressSink progress) {
        return new ProcessRunner(System.getenv(), null, SecretMasker.none(), progress);
    }

    public ProcessRunner withVariable(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(environment);
        changed.put(name, value);
        return new ProcessRunner(changed, workingDirectory, masker, progress);
    }

    public ProcessRunner withMasker(SecretMasker newMasker) {
        return new ProcessRunner(environment, workingDirectory, newMasker, progress);
    }

    public ProcessRunner inDirectory(Path directory) {
        return new ProcessRunner(environment, directory, masker, progress);
    }

    public Map<String, String> environment() {
        return environment;
    }

    public SecretMasker masker() {
        return masker;
    }

    /** Finds executables on this runner's PATH, the same lookup {@link #run} uses. */
    public ExecutableLocator executables() {
        return ExecutableLocator.fromEnvironment(environment);
    }

    public ProcessResult run(Duration timeout, String executable, String... arguments) {
        return run(timeout, executable, List.of(arguments));
    }

    /**
     * Runs {@code executable} (a name found on this runner's PATH, or a path) to completion.
     *
     * @return the result whatever the exit code; callers decide what a failure means
     * @throws ProcessException when the executable is not on the PATH, cannot start, or runs past
     *                          {@code timeout} (it is then stopped)
     */
    public ProcessResult run(Duration timeout, String executable, List<String> arguments) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(arguments);
        String shown = masker.mask(String.join(" ", command));
        Path resolved = executables()
                .find(executable)
                .orElseThrow(() ->
                        new ProcessException("Cannot run `" + shown + "`: " + executable + " is not on the PATH"));

        ExactEnvironmentCommandline commandline = new ExactEnvironmentCommandline();
        commandline.setExecutable(resolved.toString());
        commandline.addArguments(arguments.toArray(String[]::new));
        environment.forEach(commandline::addEnvironment);
        if (workingDirectory != null) {
            commandline.setWorkingDirectory(workingDirectory.toFile());
        }

        List<String> out = Collections.synchronizedList(new ArrayList<>());
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        progress.debug("$ " + shown);
        long started = System.nanoTime();
        Thread watchdog = Thread.ofVirtual().start(() -> commandline.stopAfter(timeout));
        int exitCode;
        try {
            // No plexus timeout: with one, plexus polls the process once a second, adding up to a
            // second to every command. The watchdog thread enforces ours instead.
            exitCode = CommandLineUtils.executeCommandLine(
                    commandline, null, line -> collect(out, line, "  | "), line -> collect(err, line, "  ! "), 0);
        } catch (CommandLineException e) {
            // Stopping a process that ran too long closes its streams under plexus' pumpers, which may then fail
            // ("Failure processing stderr"): the timeout is what happened, and what the user must read.
            if (commandline.timedOut()) {
                throw new ProcessException(
                        "`" + shown + "` did not finish within " + describe(timeout) + " and was stopped", e);
            }
            throw new ProcessException("Cannot run `" + shown + "`: " + masker.mask(String.valueOf(e.getMessage())), e);
        } finally {
            watchdog.interrupt();
        }
        if (commandline.timedOut()) {
            throw new ProcessException(
                    "`" + shown + "` did not finish within " + describe(timeout) + " and was stopped");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        progress.debug("  exit " + exitCode + " after " + took.toMillis() + " ms");
        return new ProcessResult(command, exitCode, String.join("\n", out), String.join("\n", err), took);
    }

    private void collect(List<String> sink, String line, String prefix) {
        sink.add(line);
        // stdout and stderr are pumped by two threads; the log need not be thread-safe.
        synchronized (progress) {
            progress.debug(prefix + masker.mask(line));
        }
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }

    /**
     * Plexus' Commandline adds every JVM environment variable the caller did not set, and runs
     * through {@code /bin/sh} with its own quoting. Both are switched off: the child gets exactly
     * our environment and exactly our arguments (no shell, so nothing in them is interpreted).
     * It also keeps the started process so that a timeout can stop it and its children.
     */
    private static final class ExactEnvironmentCommandline extends Commandline {

        private final AtomicBoolean timedOut = new AtomicBoolean();
        private final AtomicReference<Process> process = new AtomicReference<>();

        ExactEnvironmentCommandline() {
            super(directShell());
        }

        @Override
        public void addSystemEnvironment() {
            // Deliberately empty: see the class comment.
        }

        @Override
        public Process execute() throws CommandLineException {
            Process started = super.execute();
            process.set(started);
            if (timedOut.get()) {
                stop(started);
            }
            return started;
        }

        /** Runs on the watchdog thread; an interrupt means the command finished in time. */
        void stopAfter(Duration timeout) {
            try {
                Thread.sleep(timeout);
            } catch (InterruptedException finishedInTime) {
                return;
            }
            timedOut.set(true);
            Process started = process.get();
            if (started != null) {
                stop(started);
            }
        }

        boolean timedOut() {
            return timedOut.get();
        }

        private static void stop(Process started) {
            // Children first: a script's child would otherwise keep the output pipes open.
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
        }

        private static Shell directShell() {
            Shell shell = new Shell();
            shell.setQuotedArgumentsEnabled(false);
            shell.setQuotedExecutableEnabled(false);
            return shell;
        }
    }
}
