package dev.ghillie.preview.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.ProgressLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path bin;

    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void scripts() throws IOException {
        script("args", "printf '%s\\n' \"$@\"");
        script("env-probe", "echo \"FOO=${FOO-unset} HOME=${HOME-unset} JVM_ONLY=${JAVA_HOME-unset}\"");
        script("split", "echo out-1; echo err-1 >&2; echo out-2; exit 3");
        // A child that inherits the output pipes: the timeout must stop it too, or reading would hang.
        script("slow", "/bin/sleep 30; echo never");
        script("leaky", "echo \"password is $1\"; echo \"url postgresql://app:$1@db:5432/x\" >&2");
    }

    private void script(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private ProcessRunner runner(Map<String, String> env) {
        return new ProcessRunner(env, null, SecretMasker.none(), ProgressLines.to(log::add));
    }

    @Test
    void theChildSeesExactlyTheGivenEnvironment() {
        ProcessResult result =
                runner(Map.of("PATH", bin.toString(), "FOO", "bar")).run(TIMEOUT, "env-probe");

        assertThat(result.stdout()).isEqualTo("FOO=bar HOME=unset JVM_ONLY=unset");
    }

    @Test
    void withVariableAddsOrReplacesOneVariable() {
        ProcessRunner runner =
                runner(Map.of("PATH", bin.toString(), "FOO", "bar")).withVariable("FOO", "baz");

        assertThat(runner.run(TIMEOUT, "env-probe").stdout()).startsWith("FOO=baz ");
    }

    @Test
    void argumentsArriveVerbatimWithoutAShell() {
        List<String> args = List.of("two words", "it's \"quoted\"", "$HOME", "*", "a;b", "");

        ProcessResult result = runner(Map.of("PATH", bin.toString())).run(TIMEOUT, "args", args);

        assertThat(result.stdout()).isEqualTo(String.join("\n", args));
        assertThat(result.command()).containsExactly("args", "two words", "it's \"quoted\"", "$HOME", "*", "a;b", "");
    }

    @Test
    void separatesStdoutFromStderrAndKeepsTheExitCode() {
        ProcessResult result = runner(Map.of("PATH", bin.toString())).run(TIMEOUT, "split");

        assertThat(result.stdout()).isEqualTo("out-1\nout-2");
        assertThat(result.stderr()).isEqualTo("err-1");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void resolvesOnlyOnTheGivenPath() {
        assertThatThrownBy(() -> runner(Map.of("PATH", "/nonexistent")).run(TIMEOUT, "split", "x"))
                .isInstanceOf(ProcessException.class)
                .hasMessage("Cannot run `split x`: split is not on the PATH");
    }

    @Test
    void stopsAProcessThatRunsPastItsTimeout() {
        assertThatThrownBy(() -> runner(Map.of("PATH", bin.toString())).run(Duration.ofSeconds(1), "slow"))
                .isInstanceOf(ProcessException.class)
                .hasMessage("`slow` did not finish within 1s and was stopped");
    }

    @Test
    void masksSecretsInTheLogButKeepsThemInTheResult() {
        ProcessRunner runner = runner(Map.of("PATH", bin.toString())).withMasker(new SecretMasker(Set.of("s3cr3t")));

        ProcessResult result = runner.run(TIMEOUT, "leaky", "s3cr3t");

        assertThat(result.stdout()).isEqualTo("password is s3cr3t");
        assertThat(log).isNotEmpty().noneMatch(line -> line.contains("s3cr3t"));
        assertThat(log).contains("$ leaky ****", "  | password is ****", "  ! url postgresql://app:****@db:5432/x");
    }

    @Test
    void aNonPositiveTimeoutIsAProgrammingError() {
        assertThatThrownBy(() -> runner(Map.of("PATH", bin.toString())).run(Duration.ZERO, "split"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
