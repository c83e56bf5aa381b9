package dev.ghillie.preview.process;

import java.time.Duration;
import java.util.List;

/**
 * What one finished external process gave back. Output is kept raw (callers parse it); anything
 * shown to a user goes through {@link SecretMasker} first.
 *
 * @param command  the executable as named by the caller, then its arguments
 * @param exitCode the process exit code
 * @param stdout   standard output, lines joined with {@code \n}
 * @param stderr   standard error, lines joined with {@code \n}
 * @param duration wall time from start to exit
 */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr, Duration duration) {

    public ProcessResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The command as one line, arguments separated by single spaces, as tests and logs show it. */
    public String commandLine() {
        return String.join(" ", command);
    }
}
