package dev.ghillie.preview.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.codehaus.plexus.util.cli.CommandLineException;
import org.codehaus.plexus.util.cli.CommandLineTimeOutException;
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
    private final Consumer<String> debugLog;

    /**
     * @param environment      the complete environment of every child process (include PATH)
     * @param workingDirectory directory the children start in, or {@code null} for the JVM's
     * @param masker           hides secrets in everything this runner logs or reports
     * @param debugLog         receives one line per command, output line and exit
     */
    public ProcessRunner(Map<String, String> environment, Path workingDirectory, SecretMasker masker,
            Consumer<String> debugLog) {
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        this.workingDirectory = workingDirectory;
        this.masker = Objects.requireNonNull(masker, "masker");
        this.debugLog = Objects.requireNonNull(debugLog, "debugLog");
    }

    /** A runner whose children see the JVM's environment, as a build normally wants. */
    public static ProcessRunner withJvmEnvironment(Consumer<String> debugLog) {
        return new ProcessRunner(System.getenv(), null, SecretMasker.none(), debugLog);
    }

    public ProcessRunner withVariable(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(environment);
        changed.put(name, value);
        return new ProcessRunner(changed, workingDirectory, masker, debugLog);
    }

    public ProcessRunner withMasker(SecretMasker newMasker) {
        return new ProcessRunner(environment, workingDirectory, newMasker, debugLog);
    }

    public ProcessRunner inDirectory(Path directory) {
        return new ProcessRunner(environment, directory, masker, debugLog);
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
        Path resolved = executables().find(executable).orElseThrow(() -> new ProcessException(
                "Cannot run `" + shown + "`: " + executable + " is not on the PATH"));

        Commandline commandline = new ExactEnvironmentCommandline();
        commandline.setExecutable(resolved.toString());
        commandline.addArguments(arguments.toArray(String[]::new));
        environment.forEach(commandline::addEnvironment);
        if (workingDirectory != null) {
            commandline.setWorkingDirectory(workingDirectory.toFile());
        }

        List<String> out = Collections.synchronizedList(new ArrayList<>());
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        debugLog.accept("$ " + shown);
        long started = System.nanoTime();
        int exitCode;
        try {
            exitCode = CommandLineUtils.executeCommandLine(commandline, null,
                    line -> collect(out, line, "  | "), line -> collect(err, line, "  ! "), timeoutSeconds(timeout));
        } catch (CommandLineTimeOutException e) {
            throw new ProcessException("`" + shown + "` did not finish within " + timeoutSeconds(timeout)
                    + "s and was stopped", e);
        } catch (CommandLineException e) {
            throw new ProcessException("Cannot run `" + shown + "`: " + masker.mask(String.valueOf(e.getMessage())), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        debugLog.accept("  exit " + exitCode + " after " + took.toMillis() + " ms");
        return new ProcessResult(command, exitCode, String.join("\n", out), String.join("\n", err), took);
    }

    private void collect(List<String> sink, String line, String prefix) {
        sink.add(line);
        debugLog.accept(prefix + masker.mask(line));
    }

    private static int timeoutSeconds(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
    }

    /**
     * Plexus' Commandline adds every JVM environment variable the caller did not set, and runs
     * through {@code /bin/sh} with its own quoting. Both are switched off: the child gets exactly
     * our environment and exactly our arguments (no shell, so nothing in them is interpreted).
     */
    private static final class ExactEnvironmentCommandline extends Commandline {

        ExactEnvironmentCommandline() {
            super(directShell());
        }

        @Override
        public void addSystemEnvironment() {
            // Deliberately empty: see the class comment.
        }

        private static Shell directShell() {
            Shell shell = new Shell();
            shell.setQuotedArgumentsEnabled(false);
            shell.setQuotedExecutableEnabled(false);
            return shell;
        }
    }
}
