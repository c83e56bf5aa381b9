package dev.ghillie.preview.provider.kind;

import dev.ghillie.preview.cluster.ClusterAction;
import dev.ghillie.preview.cluster.ClusterException;
import dev.ghillie.preview.cluster.DockerCheck;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.cluster.KubernetesRequirement;
import dev.ghillie.preview.cluster.LoopbackPorts;
import dev.ghillie.preview.cluster.PreflightException;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.kube.ApiFailure;
import dev.ghillie.preview.kube.ApiServerProbe;
import dev.ghillie.preview.kube.KubeClientFactory;
import dev.ghillie.preview.process.ProcessException;
import dev.ghillie.preview.process.ProcessResult;
import dev.ghillie.preview.process.ProcessRunner;
import dev.ghillie.preview.provider.ClusterProvider;
import dev.ghillie.preview.provider.ClusterState;
import dev.ghillie.preview.provider.KubeconfigFiles;
import dev.ghillie.preview.settings.PreviewSettings;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * kind: a cluster of its own created from a generated config (API server and ingress port on 127.0.0.1 only),
 * reused while it exists; the preview's kubeconfig a file of its own in the work directory, the user's
 * {@code ~/.kube/config} untouched unless {@code ghillie.preview.updateDefaultKubeconfig}; images loaded with
 * {@code kind load image-archive}; deleted by {@code down}. kind has no start or stop: a listed cluster is taken as running.
 */
public final class KindProvider implements ClusterProvider {

    public static final String INSTALL = "https://kind.sigs.k8s.io/docs/user/quick-start/#installation";
    static final String DOCKER_INSTALL = "https://docs.docker.com/get-docker/";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    private final KindCli kind;
    private final ProcessRunner runner;
    private final DockerCheck dockerCheck;
    private final PreviewSettings settings;
    private final LoopbackPorts ports;

    public KindProvider(ProcessRunner runner, DockerCheck dockerCheck, PreviewSettings settings, LoopbackPorts ports) {
        this.kind = new KindCli(runner);
        this.runner = runner;
        this.dockerCheck = dockerCheck;
        this.settings = settings;
        this.ports = ports;
    }

    @Override
    public String id() {
        return "kind";
    }

    /** kind names the context after the cluster (KINDClusterKey). */
    @Override
    public String context() {
        return "kind-" + settings.clusterName();
    }

    @Override
    public String describe() {
        return "kind cluster " + settings.clusterName();
    }

    /** The preview's own kubeconfig for the cluster (preview.json names it). */
    Path kubeconfigFile() {
        return KubeconfigFiles.directory(settings.environment())
                .resolve("kubeconfig-kind-" + settings.clusterName() + ".yaml");
    }

    @Override
    public String preflight(Optional<KubernetesRequirement> kubernetes) {
        List<String> problems = new ArrayList<>();
        boolean hasKind = runner.executables().find(KindCli.EXECUTABLE).isPresent();
        String version = "";
        if (!hasKind) {
            problems.add("kind is not on the PATH (ghillie.preview.provider=kind): install kind from " + INSTALL);
        } else {
            try {
                version = kind.version();
            } catch (ClusterException e) {
                problems.add(e.getMessage());
            }
        }
        if (dockerCheck == DockerCheck.AUTO && problems.isEmpty()) {
            containerRuntime(problems);
        }
        if (!problems.isEmpty()) {
            throw new PreflightException(problems);
        }
        return "kind " + version;
    }

    /**
     * kind runs its nodes in Docker (or podman / nerdctl, KIND_EXPERIMENTAL_PROVIDER): docker info when there is a docker
     * CLI, else ask kind, which lists its clusters through the runtime.
     */
    private void containerRuntime(List<String> problems) {
        Optional<ProcessResult> probe;
        boolean docker = runner.executables().find("docker").isPresent();
        try {
            probe = Optional.of(
                    docker
                            ? runner.run(PROBE_TIMEOUT, "docker", "info")
                            : runner.run(PROBE_TIMEOUT, KindCli.EXECUTABLE, "get", "clusters"));
        } catch (ProcessException e) {
            problems.add(e.getMessage());
            return;
        }
        probe.filter(result -> !result.succeeded())
                .ifPresent(result -> problems.add(
                        docker
                                ? "Docker daemon is not answering (`docker info` exit " + result.exitCode()
                                        + "): start Docker, or set"
                                        + " ghillie.preview.dockerCheck=skip if your kind runs its nodes elsewhere"
                                : "docker is not on the PATH and kind cannot reach a container runtime ("
                                        + runner.masker().mask(KindCli.errorOf(result)) + "): install Docker from "
                                        + DOCKER_INSTALL));
    }

    @Override
    public PreviewCluster ensure() {
        String name = settings.clusterName();
        List<String> notes = new ArrayList<>();
        ClusterAction action;
        HostPort ingress;
        if (!kind.clusters().contains(name)) {
            int port = ingressPort();
            Path config = settings.workDir().resolve("kind-config-" + name + ".yaml");
            try {
                Files.createDirectories(settings.workDir());
                Files.createDirectories(kubeconfigFile().getParent());
                Files.writeString(config, new KindConfig(settings.agents(), port).yaml());
            } catch (IOException e) {
                throw new ClusterException("cannot write the kind config " + config + ": " + e.getMessage(), e);
            }
            kind.create(name, config, settings.clusterTimeout(), kubeconfigFile());
            action = ClusterAction.CREATED;
            ingress = new HostPort("127.0.0.1", port);
        } else {
            action = ClusterAction.REUSED;
            ingress = HostPort.NONE;
        }
        String kubeconfigText = kind.kubeconfig(name);
        Path kubeconfig = KubeconfigFiles.writePrivate(kubeconfigFile(), kubeconfigText);
        if (action == ClusterAction.REUSED) {
            ingress = recordedIngress(kubeconfig).orElse(HostPort.NONE);
            if (ingress.equals(HostPort.NONE)) {
                notes.add(
                        describe() + " was not created by preview:up, so no ingress port on 127.0.0.1 is known for it:"
                                + " the preview is reached by port-forward");
            } else if (settings.ingressPort() != 0 && settings.ingressPort() != ingress.port()) {
                notes.add("ghillie.preview.port " + settings.ingressPort() + " ignored: " + describe()
                        + " already maps " + ingress + " (delete the cluster to change its port)");
            }
        }
        if (settings.updateDefaultKubeconfig()) {
            // kind's export also makes kind-NAME the current context (kind has no merge without switching).
            kind.exportToDefaultKubeconfig(name);
        }
        return new PreviewCluster(name, KubeconfigFiles.apiServer(kubeconfigText), ingress, kubeconfig, action, notes);
    }

    private int ingressPort() {
        int requested = settings.ingressPort();
        if (requested == 0) {
            return ports.pickFree(Set.of());
        }
        if (!ports.isFree(requested)) {
            throw new ClusterException("ghillie.preview.port (GHILLIE_K3D_PORT, INGRESS_PORT) " + requested
                    + ": 127.0.0.1:" + requested + " is already in use: choose a free port, or 0 to pick one");
        }
        return requested;
    }

    /** The port the generated config mapped, read back from the node label it set (kind itself cannot say without docker). */
    private Optional<HostPort> recordedIngress(Path kubeconfig) {
        try (KubernetesClient client = new KubeClientFactory().open(kubeconfig)) {
            for (Node node : client.nodes()
                    .withLabel(KindConfig.INGRESS_PORT_LABEL)
                    .list()
                    .getItems()) {
                String port = node.getMetadata().getLabels().get(KindConfig.INGRESS_PORT_LABEL);
                if (port != null && port.matches("\\d{1,5}")) {
                    return Optional.of(new HostPort("127.0.0.1", Integer.parseInt(port)));
                }
            }
            return Optional.empty();
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("read the nodes of " + describe() + " (for the ingress port preview:up mapped)", e);
        }
    }

    @Override
    public ClusterState state() {
        String name = settings.clusterName();
        if (!kind.clusters().contains(name)) {
            return new ClusterState.Absent(name);
        }
        // kind lists a cluster whose node containers are stopped too (docker ps -a): only its API says whether it runs.
        String kubeconfigText = kind.kubeconfig(name);
        Path kubeconfig = KubeconfigFiles.writePrivate(kubeconfigFile(), kubeconfigText);
        if (!new ApiServerProbe().answers(kubeconfig)) {
            return new ClusterState.Unreachable(
                    name,
                    "its API server " + KubeconfigFiles.apiServerUrl(kubeconfigText)
                            + " does not answer (are its node containers stopped? docker ps -a --filter label=io.x-k8s.kind.cluster="
                            + name + ")");
        }
        return new ClusterState.Running(name, kind.nodes(name).size(), Optional.empty());
    }

    @Override
    public Path kubeconfig() {
        return KubeconfigFiles.writePrivate(kubeconfigFile(), kind.kubeconfig(settings.clusterName()));
    }

    @Override
    public boolean loadsArchives() {
        return true;
    }

    @Override
    public String loadArchive(Path tar, PreviewCluster cluster) {
        if (!Files.isRegularFile(tar)) {
            throw new ClusterException("Image tarball " + tar + " does not exist: build the image first");
        }
        kind.loadImageArchive(tar, cluster.name());
        return "loaded into " + describe();
    }

    @Override
    public boolean ownsCluster() {
        return true;
    }

    /**
     * Only a listed cluster is deleted: kind versions differ on whether deleting an absent one fails. The kind-NAME entries
     * go from the preview's own kubeconfig, or from the default one when up merged them there.
     */
    @Override
    public boolean delete() {
        String name = settings.clusterName();
        if (!kind.clusters().contains(name)) {
            return false;
        }
        kind.delete(name, settings.updateDefaultKubeconfig() ? Optional.empty() : Optional.of(kubeconfigFile()));
        return true;
    }
}
