package dev.ghillie.preview.provider.kind;

import dev.ghillie.preview.cluster.ClusterException;
import dev.ghillie.preview.process.ProcessException;
import dev.ghillie.preview.process.ProcessResult;
import dev.ghillie.preview.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code kind} commands the kind provider needs, over the CLI on the runner's PATH (the real kind, the
 * end-to-end shim or the test fake). kind's contract (shared/reference/kind.md): program output on stdout, every
 * status and log line on stderr, a failure is exit 1 with {@code ERROR: <message>} on stderr.
 */
public final class KindCli {

    public static final String EXECUTABLE = "kind";
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    /** kind's --wait only waits for the control plane; time past it for pulling the node image and writing the kubeconfig. */
    static final Duration CREATE_GRACE = Duration.ofMinutes(5);

    private final ProcessRunner runner;

    public KindCli(ProcessRunner runner) {
        // kind colours only on a terminal, and NO_COLOR turns it off there too (pkg/internal/env/term.go).
        this.runner = runner.withVariable("NO_COLOR", "1");
    }

    /** {@code kind version}: {@code kind v0.33.0 go1.25.1 linux/amd64} gives {@code v0.33.0}. */
    public String version() {
        String printed =
                succeed(run(COMMAND_TIMEOUT, List.of("version"))).stdout().strip();
        String[] words = printed.split("\\s+");
        if (words.length < 2 || !words[0].equals("kind")) {
            throw new ClusterException(
                    "`kind version` printed '" + printed + "', not 'kind vX.Y.Z ...': check that `kind` on the"
                            + " PATH is kind (" + KindProvider.INSTALL + ")");
        }
        return words[1];
    }

    /** {@code kind get clusters}: one name a line, sorted; none prints nothing on stdout (and a note on stderr), exit 0. */
    public List<String> clusters() {
        return succeed(run(COMMAND_TIMEOUT, List.of("get", "clusters")))
                .stdout()
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }

    /** {@code kind get nodes --name N}: the node containers' names. */
    public List<String> nodes(String name) {
        return succeed(run(COMMAND_TIMEOUT, List.of("get", "nodes", "--name", name)))
                .stdout()
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }

    /**
     * {@code kind create cluster}: the name always given with --name (KIND_CLUSTER_NAME and the config's name lose to it),
     * and the kubeconfig written to {@code kubeconfig}, not merged into the user's.
     */
    public void create(String name, Path config, Duration wait, Path kubeconfig) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        List<String> args = new ArrayList<>(List.of(
                "create",
                "cluster",
                "--name",
                name,
                "--config",
                config.toString(),
                "--wait",
                seconds + "s",
                "--kubeconfig",
                kubeconfig.toString()));
        succeed(run(Duration.ofSeconds(seconds).plus(CREATE_GRACE), args));
    }

    /** {@code kind get kubeconfig --name N}: the cluster's kubeconfig YAML, context {@code kind-N}. */
    public String kubeconfig(String name) {
        return succeed(run(COMMAND_TIMEOUT, List.of("get", "kubeconfig", "--name", name)))
                .stdout();
    }

    /** {@code kind export kubeconfig --name N}: merges into $KUBECONFIG or ~/.kube/config, and kind makes it the current context. */
    public void exportToDefaultKubeconfig(String name) {
        succeed(run(COMMAND_TIMEOUT, List.of("export", "kubeconfig", "--name", name)));
    }

    /** {@code kind load image-archive TAR --name N}: imported into every node's containerd. */
    public void loadImageArchive(Path tar, String name) {
        succeed(run(COMMAND_TIMEOUT, List.of("load", "image-archive", tar.toString(), "--name", name)));
    }

    /**
     * {@code kind delete cluster --name N}: idempotent, exit 0 when the cluster is already gone. With {@code kubeconfig}
     * kind removes the cluster's entries from that file only, else from the default kubeconfig.
     */
    public void delete(String name, java.util.Optional<Path> kubeconfig) {
        List<String> args = new ArrayList<>(List.of("delete", "cluster", "--name", name));
        kubeconfig.ifPresent(file -> args.addAll(List.of("--kubeconfig", file.toString())));
        succeed(run(COMMAND_TIMEOUT, args));
    }

    private ProcessResult run(Duration timeout, List<String> args) {
        try {
            return runner.run(timeout, EXECUTABLE, args);
        } catch (ProcessException e) {
            throw new ClusterException(e.getMessage(), e);
        }
    }

    private ProcessResult succeed(ProcessResult result) {
        if (result.succeeded()) {
            return result;
        }
        throw new ClusterException("`" + shortCommand(result.command()) + "` failed: "
                + runner.masker().mask(errorOf(result)));
    }

    /** kind's own {@code ERROR: } line (the last one: wrapped errors read outer: inner), else the last line it printed. */
    static String errorOf(ProcessResult result) {
        List<String> lines = result.stderr()
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        return lines.stream()
                .filter(line -> line.startsWith("ERROR: "))
                .reduce((first, second) -> second)
                .map(line -> line.substring("ERROR: ".length()))
                .or(() -> lines.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(lines.getLast()))
                .orElse("exit " + result.exitCode() + " with no message");
    }

    private static String shortCommand(List<String> command) {
        return String.join(" ", command.subList(0, Math.min(3, command.size())));
    }
}
