package dev.ghillie.preview.cluster;

import dev.ghillie.preview.process.ExecutableLocator;
import dev.ghillie.preview.process.ProcessException;
import dev.ghillie.preview.process.ProcessResult;
import dev.ghillie.preview.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks, before anything is changed, that k3d (v5) and a container runtime are there. Every problem
 * becomes one line naming the tool and the fix; all of them are reported at once.
 */
public final class Preflight {

    public static final String K3D_INSTALL = "https://k3d.io/#installation";
    public static final String DOCKER_INSTALL = "https://docs.docker.com/get-docker/";
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern K3D_VERSION = Pattern.compile("v?(\\d+)\\.\\d+\\.\\d+\\S*");

    private final ProcessRunner runner;
    private final Duration probeTimeout;

    /** @param runner its environment's PATH is where k3d and docker are looked for */
    public Preflight(ProcessRunner runner, Duration probeTimeout) {
        this.runner = runner.withVariable("LOG_COLORS", "false");
        this.probeTimeout = probeTimeout;
    }

    public Preflight(ProcessRunner runner) {
        this(runner, DEFAULT_PROBE_TIMEOUT);
    }

    /** @throws PreflightException listing every problem found */
    public PreflightResult check(DockerCheck dockerCheck) {
        return check(dockerCheck, "", Optional.empty());
    }

    /**
     * As {@link #check(DockerCheck)}, and when {@code kubernetes} is given and cluster {@code clusterName} does not
     * exist yet, that the cluster k3d would create meets it (an existing cluster is checked once it runs:
     * {@link KubernetesRequirement#requireServer}).
     *
     * @throws PreflightException listing every problem found
     */
    public PreflightResult check(
            DockerCheck dockerCheck, String clusterName, Optional<KubernetesRequirement> kubernetes) {
        ExecutableLocator locator = runner.executables();
        Optional<Path> k3d = locator.find(K3dCli.EXECUTABLE);
        Optional<Path> docker = locator.find("docker");
        List<String> problems = new ArrayList<>();
        String version = "";
        Optional<KubernetesVersion> k3sDefault = Optional.empty();
        if (k3d.isEmpty()) {
            problems.add("k3d is not on the PATH: install k3d v5 from " + K3D_INSTALL);
        } else {
            Optional<ProcessResult> printed = probe(problems, K3dCli.EXECUTABLE, "version");
            version = printed.map(result -> k3dVersion(result, problems)).orElse("");
            k3sDefault = printed.filter(ProcessResult::succeeded).flatMap(Preflight::k3sDefault);
        }
        PreflightResult.RuntimeCheck runtimeCheck = PreflightResult.RuntimeCheck.SKIPPED;
        if (dockerCheck == DockerCheck.AUTO) {
            if (docker.isPresent()) {
                runtimeCheck = PreflightResult.RuntimeCheck.DOCKER_INFO;
                dockerInfo(problems);
            } else if (k3d.isEmpty()) {
                problems.add("docker is not on the PATH: install Docker from " + DOCKER_INSTALL);
            } else {
                runtimeCheck = PreflightResult.RuntimeCheck.K3D_CLUSTER_LIST;
                k3dReachesRuntime(problems);
            }
        }
        if (problems.isEmpty() && kubernetes.isPresent() && !clusterExists(clusterName, problems)) {
            kubernetes.get().problemWithNewCluster(version, k3sDefault).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new PreflightException(problems);
        }
        return new PreflightResult(k3d.orElseThrow(), version, docker, runtimeCheck);
    }

    private String k3dVersion(ProcessResult result, List<String> problems) {
        if (!result.succeeded()) {
            problems.add("`k3d version` failed (exit " + result.exitCode() + "): reinstall k3d v5 from " + K3D_INSTALL);
            return "";
        }
        String line = result.stdout()
                .lines()
                .filter(l -> l.startsWith("k3d version "))
                .findFirst()
                .orElse("");
        Matcher matcher = K3D_VERSION.matcher(line.replace("k3d version ", "").strip());
        if (!matcher.matches()) {
            return line;
        }
        if (Integer.parseInt(matcher.group(1)) != 5) {
            problems.add("k3d " + matcher.group() + " is not supported: install k3d v5 from " + K3D_INSTALL);
        }
        return matcher.group();
    }

    /** {@code k3s version v1.31.5-k3s1 (default)}: the Kubernetes k3d's new clusters run (k3d cmd/root.go printVersion). */
    private static Optional<KubernetesVersion> k3sDefault(ProcessResult result) {
        return result.stdout()
                .lines()
                .map(String::strip)
                .filter(line -> line.startsWith("k3s version "))
                .map(line -> line.substring("k3s version ".length()).replace("(default)", ""))
                .flatMap(text -> KubernetesVersion.parse(text).stream())
                .findFirst();
    }

    private boolean clusterExists(String clusterName, List<String> problems) {
        try {
            return new K3dCli(runner, probeTimeout).find(clusterName).isPresent();
        } catch (ClusterException e) {
            problems.add(e.getMessage());
            return true;
        }
    }

    private void dockerInfo(List<String> problems) {
        probe(problems, "docker", "info")
                .filter(result -> !result.succeeded())
                .ifPresent(
                        result -> problems.add(
                                "Docker daemon is not answering (`docker info` exit " + result.exitCode()
                                        + "): start Docker Desktop / "
                                        + "`sudo systemctl start docker`, or set ghillie.preview.dockerCheck=skip if your k3d needs no Docker"));
    }

    private void k3dReachesRuntime(List<String> problems) {
        probe(problems, K3dCli.EXECUTABLE, "cluster", "list", "-o", "json")
                .filter(result -> !result.succeeded())
                .ifPresent(result -> problems.add("docker is not on the PATH and k3d cannot reach a container runtime ("
                        + runner.masker().mask(K3dMessages.lastMessage(result)) + "): install Docker from "
                        + DOCKER_INSTALL));
    }

    private Optional<ProcessResult> probe(List<String> problems, String executable, String... args) {
        try {
            return Optional.of(runner.run(probeTimeout, executable, args));
        } catch (ProcessException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }
}
