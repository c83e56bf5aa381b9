package dev.ghillie.preview.lifecycle;

import static dev.ghillie.preview.lifecycle.StatusReport.facts;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.cluster.K3d;
import dev.ghillie.preview.helm.ReleaseRevision;
import dev.ghillie.preview.helm.StoredReleases;
import dev.ghillie.preview.kube.ContainerProblem;
import dev.ghillie.preview.kube.CurrentReadiness;
import dev.ghillie.preview.kube.KubeClientFactory;
import dev.ghillie.preview.kube.LabelSelection;
import dev.ghillie.preview.kube.PodDiagnosis;
import dev.ghillie.preview.kube.PodStatusReader;
import dev.ghillie.preview.kube.PodSummary;
import dev.ghillie.preview.kube.PortForwardSession;
import dev.ghillie.preview.kube.PortForwarder;
import dev.ghillie.preview.kube.ReleaseServices;
import dev.ghillie.preview.platform.OperatorTarget;
import dev.ghillie.preview.provider.ClusterProvider;
import dev.ghillie.preview.provider.ClusterState;
import dev.ghillie.preview.provider.K3dProvider;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.PreviewSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code preview:status}: every part of the preview, each with its state and why, changing nothing. The cluster
 * first (without it there is nothing else to ask; its kubeconfig and client are made meanwhile); then, side by side
 * on virtual threads and one Kubernetes client, each data service's operator and instance (judged as {@code up}'s waits judge them), the app Secret's keys, the
 * Helm release, the pods (with the rollout wait's diagnosis) and the URL's health and readiness paths. One read that
 * fails makes its own part FAIL, not the whole report.
 *
 * <p>The URL is the one {@code up} recorded for ingress access, else the cluster's ingress; with port-forward access
 * (whose forward lived only as long as {@code up}'s build) a forward is opened for this check.
 */
public final class PreviewStatus {

    /** The URL probes: a warm preview on loopback answers in milliseconds, and status must stay quick when it does not. */
    static final Duration PROBE_CONNECT_TIMEOUT = Duration.ofMillis(500);

    static final Duration PROBE_REQUEST_TIMEOUT = Duration.ofMillis(1500);
    /** The API server of a running local cluster answers at once; a dead one is reported, not waited for. */
    static final Duration API_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    static final Duration API_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** For the steps begun before the cluster's state is known: a thread each, none kept when they are done. */
    private static final Executor VIRTUAL_THREADS =
            command -> Thread.ofVirtual().start(command);

    /** The provider for the run's settings: a goal's own, or k3d's for the settings run() is given. */
    private final Function<PreviewSettings, ClusterProvider> providers;

    private final PreviewProbe probe = new PreviewProbe(PROBE_CONNECT_TIMEOUT, PROBE_REQUEST_TIMEOUT);
    private final KubeClientFactory clients = new KubeClientFactory(API_CONNECT_TIMEOUT, API_REQUEST_TIMEOUT);
    /** A debug line per part with the time it took ({@code status took: cluster state 1210 ms}), shown by -X. */
    private final ProgressSink timings;

    /** On k3d. */
    public PreviewStatus(K3d k3d, ProgressSink timings) {
        this(settings -> new K3dProvider(k3d, settings), timings);
    }

    public PreviewStatus(ClusterProvider provider, ProgressSink timings) {
        this(settings -> provider, timings);
    }

    private PreviewStatus(Function<PreviewSettings, ClusterProvider> providers, ProgressSink timings) {
        this.providers = providers;
        this.timings = timings;
    }

    /** {@code record}: what the last {@code up} wrote (its URL and data services), if any. */
    public StatusReport report(PreviewSettings settings, Optional<PreviewRecord> record) {
        long start = System.nanoTime();
        List<StatusPart> parts = parts(settings, record);
        return new StatusReport(parts, Duration.ofNanos(System.nanoTime() - start));
    }

    private List<StatusPart> parts(PreviewSettings settings, Optional<PreviewRecord> record) {
        ClusterProvider clusterProvider = providers.apply(settings);
        clusterProvider.requireAllowed();
        ProviderContext provider = new ProviderContext(clusterProvider.id(), clusterProvider.context());
        // The kubeconfig and the client (fabric8's first build loads thousands of classes) are made while the provider
        // looks at the cluster: neither asks the API, and both are dropped when the cluster turns out not to run.
        CompletableFuture<Path> kubeconfigWrite =
                CompletableFuture.supplyAsync(() -> timed("kubeconfig", clusterProvider::kubeconfig), VIRTUAL_THREADS);
        CompletableFuture<KubernetesClient> clientOpen = kubeconfigWrite.thenApplyAsync(
                kubeconfig -> timed("kube client", () -> clients.open(kubeconfig)), VIRTUAL_THREADS);
        ClusterState state;
        StatusPart clusterPart;
        try {
            state = timed("cluster state", clusterProvider::state);
            clusterPart = clusterPart(state.name(), provider, state);
        } catch (RuntimeException e) {
            closeWhenOpened(clientOpen);
            throw e;
        }
        if (!(state instanceof ClusterState.Running cluster) || clusterPart.state() != PartState.OK) {
            closeWhenOpened(clientOpen);
            return List.of(clusterPart);
        }
        List<OperatorTarget> services = dataServices(settings, record);
        try (KubernetesClient client = joined(clientOpen);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CurrentReadiness readiness = new CurrentReadiness(client);
            List<Future<List<StatusPart>>> reads = new ArrayList<>();
            for (OperatorTarget service : services) {
                String operator = "operator " + service.operatorRelease();
                String instance = service.type().getKind() + " " + service.instance();
                reads.add(pool.submit(guarded(
                        service.service(),
                        operator,
                        () -> timed(operator, () -> List.of(operatorPart(readiness, service, operator))))));
                reads.add(pool.submit(guarded(
                        service.service(),
                        instance,
                        () -> timed(
                                instance,
                                () -> List.of(instancePart(readiness, service, instance, settings.namespace()))))));
            }
            reads.add(pool.submit(guarded(
                    "secret",
                    settings.service().appSecret(),
                    () -> timed("secret", () -> List.of(secretPart(readiness, settings, services))))));
            reads.add(pool.submit(guarded(
                    "release",
                    settings.release(),
                    () -> timed("release", () -> List.of(releasePart(client, settings))))));
            reads.add(pool.submit(guarded("pod", "(pods)", () -> timed("pods", () -> podParts(client, settings)))));
            reads.add(pool.submit(guarded(
                    "url", "(url)", () -> timed("url", () -> urlParts(client, pool, settings, cluster, record)))));
            List<StatusPart> parts = new ArrayList<>();
            parts.add(clusterPart);
            for (Future<List<StatusPart>> read : reads) {
                parts.addAll(result(read));
            }
            return parts;
        }
    }

    /** The provider and its cluster: the one part without which there is nothing else to ask. */
    static StatusPart clusterPart(String name, ProviderContext provider, ClusterState found) {
        Map<String, Object> facts = facts("provider", provider.provider(), "context", provider.context());
        if (found instanceof ClusterState.Absent) {
            return new StatusPart(
                    "cluster",
                    name,
                    PartState.FAIL,
                    "absent",
                    provider.provider() + " has no cluster " + name + ": mvn preview:up creates it",
                    facts);
        }
        if (found instanceof ClusterState.Unreachable unreachable) {
            return new StatusPart(
                    "cluster",
                    name,
                    PartState.FAIL,
                    "unreachable",
                    provider.provider() + ", context " + provider.context() + ": " + unreachable.why(),
                    facts);
        }
        int nodes = switch (found) {
            case ClusterState.Stopped stopped -> stopped.nodes();
            case ClusterState.Running running -> running.nodes();
            case ClusterState.Absent absent -> 0;
            case ClusterState.Unreachable unreachable -> 0;
        };
        facts.put("nodes", nodes);
        if (!found.running()) {
            return new StatusPart(
                    "cluster",
                    name,
                    PartState.FAIL,
                    "stopped",
                    provider.provider() + " cluster " + name + " is stopped: mvn preview:up starts it",
                    facts);
        }
        return new StatusPart(
                "cluster",
                name,
                PartState.OK,
                "running",
                provider.provider() + ", context " + provider.context() + ", " + nodes + " node(s)",
                facts);
    }

    /** The data services {@code up} installed, as {@code preview.json} lists them; without it, as the settings select. */
    private static List<OperatorTarget> dataServices(PreviewSettings settings, Optional<PreviewRecord> record) {
        List<String> names = record.map(PreviewRecord::platformServices).orElseGet(() -> {
            List<String> selected = new ArrayList<>();
            if (settings.platform().postgres()) {
                selected.add("postgresql");
            }
            if (settings.platform().valkey()) {
                selected.add("valkey");
            }
            return selected;
        });
        List<OperatorTarget> services = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            switch (name) {
                case "postgresql" -> services.add(OperatorTarget.postgres());
                case "valkey" ->
                    services.add(OperatorTarget.valkey(settings.platform().valkeyOperator()));
                default -> {} // a service a later plugin version knows: nothing this one can check
            }
        }
        return services;
    }

    private static StatusPart operatorPart(CurrentReadiness readiness, OperatorTarget service, String name) {
        LabelSelection selection = service.operatorDeployments();
        CurrentReadiness.Deployments deployments = readiness.deployments(selection);
        Map<String, Object> facts = facts("ready", deployments.ready(), "notReady", deployments.notReady());
        if (deployments.none()) {
            return new StatusPart(
                    service.service(),
                    name,
                    PartState.FAIL,
                    "absent",
                    "no Deployment labelled " + selection.describe() + ": mvn preview:up installs the operator",
                    facts);
        }
        if (deployments.allReady()) {
            return new StatusPart(
                    service.service(),
                    name,
                    PartState.OK,
                    "ready",
                    String.join(", ", deployments.ready()) + " available",
                    facts);
        }
        return new StatusPart(
                service.service(),
                name,
                deployments.stalled() ? PartState.FAIL : PartState.WARN,
                deployments.stalled() ? "stalled" : "not ready",
                String.join("; ", deployments.notReady()),
                facts);
    }

    private static StatusPart instancePart(
            CurrentReadiness readiness, OperatorTarget service, String name, String namespace) {
        return switch (readiness.resource(service.type(), namespace, service.instance(), service.readiness())) {
            case CurrentReadiness.Resource.Absent absent ->
                new StatusPart(
                        service.service(),
                        name,
                        PartState.FAIL,
                        "absent",
                        absent.why() + ": mvn preview:up creates it");
            case CurrentReadiness.Resource.Ready ready ->
                new StatusPart(service.service(), name, PartState.OK, "ready", ready.check());
            case CurrentReadiness.Resource.NotReady notReady ->
                new StatusPart(service.service(), name, PartState.WARN, "not ready", notReady.detail());
        };
    }

    /** Present, with which keys (never their values), and with the key of each data service's URL. */
    private static StatusPart secretPart(
            CurrentReadiness readiness, PreviewSettings settings, List<OperatorTarget> services) {
        String name = settings.service().appSecret();
        Optional<List<String>> keys = readiness.secretKeys(settings.namespace(), name);
        if (keys.isEmpty()) {
            return new StatusPart(
                    "secret",
                    name,
                    PartState.FAIL,
                    "missing",
                    "no Secret " + name + " in namespace " + settings.namespace()
                            + " (the app reads it with envFrom): mvn preview:up writes it",
                    facts("keys", null));
        }
        List<String> missing = new ArrayList<>();
        for (OperatorTarget service : services) {
            String key = "postgresql".equals(service.service())
                    ? settings.service().databaseUrlKey()
                    : settings.service().valkeyUrlKey();
            if (!keys.get().contains(key)) {
                missing.add(key);
            }
        }
        String present = keys.get().isEmpty() ? "no keys" : "keys " + String.join(", ", keys.get());
        if (!missing.isEmpty()) {
            return new StatusPart(
                    "secret",
                    name,
                    PartState.FAIL,
                    "incomplete",
                    present + "; lacks " + String.join(", ", missing) + ": mvn preview:up writes them",
                    facts("keys", keys.get(), "missing", missing));
        }
        return new StatusPart("secret", name, PartState.OK, "present", present, facts("keys", keys.get()));
    }

    /** From Helm's storage Secrets with the client already open (see {@link StoredReleases}). */
    private static StatusPart releasePart(KubernetesClient client, PreviewSettings settings) {
        Optional<ReleaseRevision> latest = new StoredReleases(client).latest(settings.namespace(), settings.release());
        if (latest.isEmpty()) {
            return new StatusPart(
                    "release",
                    settings.release(),
                    PartState.FAIL,
                    "absent",
                    "no Helm release " + settings.release() + " in namespace " + settings.namespace()
                            + ": mvn preview:up installs it");
        }
        ReleaseRevision last = latest.get();
        Map<String, Object> facts =
                facts("revision", last.revision(), "status", last.status(), "namespace", settings.namespace());
        String revision = "revision " + last.revision() + " in namespace " + settings.namespace();
        if (last.isDeployed()) {
            return new StatusPart("release", settings.release(), PartState.OK, "deployed", revision, facts);
        }
        if (last.isFailed()) {
            return new StatusPart(
                    "release",
                    settings.release(),
                    PartState.FAIL,
                    "failed",
                    revision
                            + (last.description() == null || last.description().isBlank()
                                    ? ""
                                    : ": " + last.description().strip()),
                    facts);
        }
        return new StatusPart(
                "release",
                settings.release(),
                PartState.WARN,
                last.status(),
                revision
                        + (last.isPending()
                                ? ": a Helm run is under way or was interrupted (mvn preview:up recovers it)"
                                : ""),
                facts);
    }

    private static List<StatusPart> podParts(KubernetesClient client, PreviewSettings settings) {
        LabelSelection selection = LabelSelection.helmRelease(settings.namespace(), settings.release());
        List<PodDiagnosis> pods = new PodStatusReader(client).diagnosed(selection);
        if (pods.isEmpty()) {
            return List.of(
                    new StatusPart("pod", "(none)", PartState.FAIL, "none", "no pod labelled " + selection.describe()));
        }
        return pods.stream().map(PreviewStatus::podPart).toList();
    }

    static StatusPart podPart(PodDiagnosis diagnosis) {
        PodSummary pod = diagnosis.summary();
        String summary = pod.ready() + " " + pod.phase() + ", " + pod.restarts() + " restart(s), age " + pod.ageText();
        Map<String, Object> facts = facts(
                "ready",
                pod.ready(),
                "phase",
                pod.phase(),
                "status",
                pod.status(),
                "restarts",
                pod.restarts(),
                "ageSeconds",
                pod.age().toSeconds(),
                "reason",
                diagnosis.problem().map(ContainerProblem::reason).orElse(null),
                "why",
                diagnosis.why().orElse(null));
        if (pod.healthy()) {
            return new StatusPart("pod", pod.name(), PartState.OK, "ready", summary, facts);
        }
        if (pod.terminating()) {
            // A pod a rollout replaced stays for its grace period: shown, but no reason for concern.
            return new StatusPart(
                    "pod", pod.name(), PartState.OK, "terminating", "replaced, on its way out; " + summary, facts);
        }
        String why = diagnosis.why().map(w -> "; " + w).orElse("");
        if (diagnosis.problem().isPresent()) {
            ContainerProblem problem = diagnosis.problem().get();
            String fix =
                    "CrashLoopBackOff".equals(problem.reason()) ? "its logs say why: mvn preview:logs" : problem.hint();
            return new StatusPart(
                    "pod", pod.name(), PartState.FAIL, problem.reason(), summary + why + "; " + fix, facts);
        }
        return new StatusPart("pod", pod.name(), PartState.WARN, "not ready", summary + why, facts);
    }

    private List<StatusPart> urlParts(
            KubernetesClient client,
            ExecutorService pool,
            PreviewSettings settings,
            ClusterState.Running cluster,
            Optional<PreviewRecord> record) {
        if (settings.access() == AccessMode.PORT_FORWARD) {
            LabelSelection selection = LabelSelection.helmRelease(settings.namespace(), settings.release());
            Optional<String> service = timed("url: service lookup", () -> ReleaseServices.first(client, selection));
            if (service.isEmpty()) {
                return List.of(new StatusPart(
                        "url",
                        "port-forward",
                        PartState.FAIL,
                        "no Service",
                        "release " + settings.release() + " has no Service labelled " + selection.describe()
                                + " to forward to"));
            }
            try (PortForwardSession forward = timed(
                    "url: port-forward open",
                    () -> new PortForwarder(client).forwardService(settings.namespace(), service.get(), 0, 0))) {
                return timed(
                        "url: probes",
                        () -> probeParts(pool, forward.url().toString().replaceAll("/$", ""), settings));
            } catch (PreviewException e) {
                return List.of(new StatusPart("url", "port-forward", PartState.FAIL, "no forward", e.getMessage()));
            }
        }
        // A recorded port-forward URL died with the build that opened it.
        Optional<String> url = record.filter(r -> !"port-forward".equals(r.access()))
                .map(PreviewRecord::url)
                .or(cluster::ingressUrl);
        if (url.isEmpty()) {
            return List.of(new StatusPart(
                    "url",
                    "(none)",
                    PartState.FAIL,
                    "none",
                    "cluster " + cluster.name()
                            + " has no ingress port and no preview.json names a URL: mvn preview:up"));
        }
        return probeParts(pool, url.get(), settings);
    }

    /** The health and readiness paths side by side; one path when the service uses its health path for both. */
    private List<StatusPart> probeParts(ExecutorService pool, String baseUrl, PreviewSettings settings) {
        String healthPath = settings.service().healthPath();
        String readyPath = settings.service().readyPath();
        Future<PreviewProbe.Answer> health = pool.submit(() -> probe.get(baseUrl, healthPath));
        if (readyPath.equals(healthPath)) {
            return List.of(healthPart(baseUrl + healthPath, result(health)));
        }
        Future<PreviewProbe.Answer> ready = pool.submit(() -> probe.get(baseUrl, readyPath));
        return List.of(healthPart(baseUrl + healthPath, result(health)), readyPart(baseUrl + readyPath, result(ready)));
    }

    static StatusPart healthPart(String url, PreviewProbe.Answer answer) {
        Map<String, Object> facts = facts("status", answer.status());
        if (answer.status() == 200) {
            return new StatusPart("url", url, PartState.OK, "200", "answers", facts);
        }
        return new StatusPart(
                "url",
                url,
                PartState.FAIL,
                answer.status() == 0 ? "no answer" : "HTTP " + answer.status(),
                answer.status() == 0 ? answer.body() : "the service's health path fails: mvn preview:logs",
                facts);
    }

    /** ghillie-runtime's {@code /ready} names each check: the failing ones are the why, the passing ones say what was checked. */
    static StatusPart readyPart(String url, PreviewProbe.Answer answer) {
        if (answer.status() == 200) {
            Map<String, String> checks = PreviewProbe.namedChecks(answer.body());
            String why = checks.isEmpty()
                    ? "every check passes"
                    : "every check passes: " + String.join(", ", checks.keySet());
            return new StatusPart("url", url, PartState.OK, "ready", why, facts("status", 200, "checks", checks));
        }
        if (answer.status() == 0) {
            return new StatusPart("url", url, PartState.FAIL, "no answer", answer.body(), facts("status", 0));
        }
        Map<String, String> failing = PreviewProbe.failingChecks(answer.body());
        String why = failing.isEmpty()
                ? "HTTP " + answer.status()
                : "HTTP " + answer.status() + ", failing: "
                        + String.join(
                                "; ",
                                failing.entrySet().stream()
                                        .map(check -> check.getKey() + " (" + check.getValue() + ")")
                                        .toList());
        return new StatusPart(
                "url",
                url,
                PartState.FAIL,
                "not ready",
                why,
                facts("status", answer.status(), "failingChecks", failing));
    }

    private <T> T timed(String what, Supplier<T> step) {
        long start = System.nanoTime();
        try {
            return step.get();
        } finally {
            timings.debug("status took: " + what + " "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        }
    }

    /** A client opened for a cluster that turned out not to run: closed once it is there, its failure of no interest. */
    private static void closeWhenOpened(CompletableFuture<KubernetesClient> clientOpen) {
        clientOpen.whenComplete((client, failure) -> {
            if (client != null) {
                client.close();
            }
        });
    }

    /** The value, or the step's own one-line failure (a provider's or the client factory's exception). */
    private static <T> T joined(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new PreviewException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** A read that fails becomes its own part's FAIL, with the one-line reason the read gave. */
    private static Callable<List<StatusPart>> guarded(String kind, String name, Callable<List<StatusPart>> read) {
        return () -> {
            try {
                return read.call();
            } catch (RuntimeException e) {
                return List.of(new StatusPart(kind, name, PartState.FAIL, "unknown", String.valueOf(e.getMessage())));
            }
        };
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreviewException("preview:status was interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new PreviewException(e.getCause().getMessage(), e.getCause());
        }
    }
}
