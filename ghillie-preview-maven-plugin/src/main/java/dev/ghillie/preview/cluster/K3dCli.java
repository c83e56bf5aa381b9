package dev.ghillie.preview.cluster;

import dev.ghillie.preview.process.ProcessException;
import dev.ghillie.preview.process.ProcessResult;
import dev.ghillie.preview.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link K3d} over the {@code k3d} v5 command line, found on the runner's PATH (the real k3d, the
 * end-to-end shim or the test fake). Ports are always published on 127.0.0.1 only.
 */
public final class K3dCli implements K3d {

    public static final String EXECUTABLE = "k3d";
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(5);
    /** k3d needs time past its own --timeout to roll a failed create back. */
    static final Duration CREATE_GRACE = Duration.ofSeconds(60);

    private static final String NO_SUCH_CLUSTER = "No nodes found for given cluster";

    private final ProcessRunner runner;
    private final Duration commandTimeout;
    private final K3dClusterListParser parser = new K3dClusterListParser();

    /**
     * @param runner         runs {@code k3d}; its environment decides which k3d and which kubeconfig dir
     * @param commandTimeout limit for every command except create (which uses the spec's timeout)
     */
    public K3dCli(ProcessRunner runner, Duration commandTimeout) {
        // k3d colours its log lines unless told not to; messages we show must stay plain text.
        this.runner = runner.withVariable("LOG_COLORS", "false");
        this.commandTimeout = commandTimeout;
    }

    public K3dCli(ProcessRunner runner) {
        this(runner, DEFAULT_COMMAND_TIMEOUT);
    }

    @Override
    public String version() {
        ProcessResult result = succeed(run(commandTimeout, "version"));
        return result.stdout()
                .lines()
                .map(String::strip)
                .filter(line -> line.startsWith("k3d version "))
                .map(line -> line.substring("k3d version ".length()).strip())
                .findFirst()
                .orElseThrow(() -> new ClusterException("`k3d version` printed no 'k3d version' line: check that `k3d`"
                        + " on the PATH is k3d v5 (https://k3d.io/#installation)"));
    }

    @Override
    public List<K3dCluster> list() {
        return parser.parse(
                succeed(run(commandTimeout, "cluster", "list", "-o", "json")).stdout());
    }

    @Override
    public Optional<K3dCluster> find(String name) {
        ProcessResult result = run(commandTimeout, "cluster", "list", name, "-o", "json");
        if (!result.succeeded() && K3dMessages.logged(result, NO_SUCH_CLUSTER)) {
            return Optional.empty();
        }
        return parser.parse(succeed(result).stdout()).stream()
                .filter(c -> c.name().equals(name))
                .findFirst();
    }

    @Override
    public void create(ClusterSpec spec) {
        if (spec.apiPort() == 0 || spec.ingressPort() == 0) {
            throw new IllegalArgumentException("create needs concrete ports, got " + spec);
        }
        long timeoutSeconds = Math.max(1, (spec.timeout().toMillis() + 999) / 1000);
        List<String> args = new ArrayList<>(List.of(
                "cluster",
                "create",
                spec.name(),
                "--api-port",
                "127.0.0.1:" + spec.apiPort(),
                "-p",
                "127.0.0.1:" + spec.ingressPort() + ":80@loadbalancer",
                "--agents",
                Integer.toString(spec.agents()),
                "--wait",
                "--timeout",
                timeoutSeconds + "s",
                spec.kubeconfigUpdate().updateDefaultFlag(),
                spec.kubeconfigUpdate().switchContextFlag()));
        spec.registry().ifPresent(registry -> args.addAll(List.of("--registry-use", registry.useReference())));
        succeed(run(Duration.ofSeconds(timeoutSeconds).plus(CREATE_GRACE), args));
    }

    @Override
    public void start(String name) {
        succeed(run(commandTimeout, "cluster", "start", name));
    }

    @Override
    public void stop(String name) {
        succeed(run(commandTimeout, "cluster", "stop", name));
    }

    @Override
    public boolean delete(String name) {
        ProcessResult result = succeed(run(commandTimeout, "cluster", "delete", name));
        // k3d exits 0 for an absent cluster and only says so in its log; it also exits 0 when it could not
        // list the nodes at all (ClusterGet logs the runtime's error, then reports "no nodes").
        if (K3dMessages.loggedError(result)) {
            throw new ClusterException(K3dMessages.failure(result, runner.masker()));
        }
        return !K3dMessages.logged(result, "nothing to delete");
    }

    @Override
    public Path writeKubeconfig(String name) {
        ProcessResult result = succeed(run(commandTimeout, "kubeconfig", "write", name));
        String printed = result.stdout()
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .reduce((first, second) -> second)
                .orElse("");
        Path path = Path.of(printed);
        if (printed.isEmpty() || !Files.isRegularFile(path)) {
            throw new ClusterException(
                    "`k3d kubeconfig write " + name + "` did not print the path of a written file (got '"
                            + runner.masker().mask(printed) + "'): check HOME / XDG_CONFIG_HOME are writable");
        }
        return path.toAbsolutePath();
    }

    @Override
    public void importImage(Path tarball, String clusterName, ImageImportMode mode) {
        if (!Files.isRegularFile(tarball)) {
            throw new ClusterException("Image tarball " + tarball + " does not exist: build the image first");
        }
        succeed(run(commandTimeout, "image", "import", tarball.toString(), "-c", clusterName, "-m", mode.cliValue()));
    }

    private ProcessResult run(Duration timeout, String... args) {
        return run(timeout, List.of(args));
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
        throw new ClusterException(K3dMessages.failure(result, runner.masker()));
    }
}
