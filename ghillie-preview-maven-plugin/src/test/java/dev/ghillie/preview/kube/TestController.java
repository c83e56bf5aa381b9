package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Plays the cluster's controllers against the CRUD mock server: creates Deployments and their pods, and moves their
 * status (and that of custom resources) to ready, failed, or nowhere, now or a little later.
 */
final class TestController implements AutoCloseable {

    static final String NAMESPACE = "ghillie";

    private final KubernetesClient client;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-controller");
        t.setDaemon(true);
        return t;
    });

    TestController(KubernetesClient client) {
        this.client = client;
    }

    /** A Deployment of {@code release} with one replica and a readiness probe, not yet observed by anybody. */
    Deployment deployment(String release, String name) {
        Map<String, String> selector = Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/instance", release);
        return client.apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(selector)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .withNewSelector()
                        .withMatchLabels(selector)
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(selector)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName(name)
                        .withImage("ghillie:dev")
                        .withReadinessProbe(readyProbe())
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
    }

    static Probe readyProbe() {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath("/ready")
                .withPort(new IntOrString(8080))
                .endHttpGet()
                .build();
    }

    /** Marks the Deployment fully rolled out and gives it one ready pod. */
    void rollOut(String name) {
        Deployment d = client.apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .withName(name)
                .get();
        pod(d, name + "-ready", running(name, true));
        setDeploymentStatus(name, 1, 1, 1);
    }

    /** Like {@link #rollOut} but after {@code delay}, from another thread. */
    void rollOutLater(String name, Duration delay) {
        later.schedule(() -> rollOut(name), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The controller saw the Deployment but its one replica is not available. */
    void observedNotAvailable(String name) {
        setDeploymentStatus(name, 1, 1, 0);
    }

    void setDeploymentStatus(String name, int replicas, int updated, int available) {
        client.apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .withName(name)
                .editStatus(d -> new DeploymentBuilder(d)
                        .withStatus(new DeploymentStatusBuilder()
                                .withObservedGeneration(d.getMetadata().getGeneration())
                                .withReplicas(replicas)
                                .withUpdatedReplicas(updated)
                                .withAvailableReplicas(available)
                                .withReadyReplicas(available)
                                .build())
                        .build());
    }

    void editDeployment(String name, UnaryOperator<Deployment> edit) {
        client.apps().deployments().inNamespace(NAMESPACE).withName(name).edit(edit);
    }

    /** A pod of Deployment {@code d} with the given container status; Ready when the container is. */
    Pod pod(Deployment d, String podName, ContainerStatus status) {
        boolean ready = Boolean.TRUE.equals(status.getReady());
        return client.pods()
                .inNamespace(NAMESPACE)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(podName)
                        .withLabels(d.getSpec().getSelector().getMatchLabels())
                        .endMetadata()
                        .withSpec(d.getSpec().getTemplate().getSpec())
                        .withNewStatus()
                        .withPhase("Running")
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus(ready ? "True" : "False")
                        .endCondition()
                        .withContainerStatuses(status)
                        .endStatus()
                        .build())
                .create();
    }

    static ContainerStatus running(String container, boolean ready) {
        return new ContainerStatusBuilder()
                .withName(container)
                .withImage("ghillie:dev")
                .withReady(ready)
                .withRestartCount(0)
                .withNewState()
                .withNewRunning()
                .withStartedAt("2026-11-25T10:00:00Z")
                .endRunning()
                .endState()
                .build();
    }

    static ContainerStatus waiting(String container, String reason, String message, int restarts) {
        ContainerStatusBuilder b = new ContainerStatusBuilder()
                .withName(container)
                .withImage("ghillie:dev")
                .withReady(false)
                .withRestartCount(restarts)
                .withNewState()
                .withNewWaiting()
                .withReason(reason)
                .withMessage(message)
                .endWaiting()
                .endState();
        if (restarts > 0) {
            b.withNewLastState()
                    .withNewTerminated()
                    .withExitCode(1)
                    .withReason("Error")
                    .endTerminated()
                    .endLastState();
        }
        return b.build();
    }

    /** An event about {@code involved}, like the kubelet records them. */
    void event(HasMetadata involved, String type, String reason, String message, int count) {
        client.v1()
                .events()
                .inNamespace(NAMESPACE)
                .resource(new EventBuilder()
                        .withNewMetadata()
                        .withGenerateName(involved.getMetadata().getName() + "-")
                        .endMetadata()
                        .withNewInvolvedObject()
                        .withKind(involved.getKind())
                        .withName(involved.getMetadata().getName())
                        .withNamespace(NAMESPACE)
                        .withUid(involved.getMetadata().getUid())
                        .endInvolvedObject()
                        .withType(type)
                        .withReason(reason)
                        .withMessage(message)
                        .withCount(count)
                        .withLastTimestamp(Instant.now().toString())
                        .build())
                .create();
    }

    /** Sets {@code status} of a custom resource, as its operator would. */
    void setCustomStatus(CustomResourceRef ref, Map<String, Object> status) {
        client.genericKubernetesResources(ref.type())
                .inNamespace(ref.namespace())
                .withName(ref.name())
                .editStatus(r -> {
                    GenericKubernetesResource copy = new GenericKubernetesResource();
                    copy.setApiVersion(r.getApiVersion());
                    copy.setKind(r.getKind());
                    copy.setMetadata(r.getMetadata());
                    Map<String, Object> props = new HashMap<>(r.getAdditionalProperties());
                    props.put("status", status);
                    props.forEach(copy::setAdditionalProperty);
                    return copy;
                });
    }

    void setCustomStatusLater(CustomResourceRef ref, Map<String, Object> status, Duration delay) {
        later.schedule(() -> setCustomStatus(ref, status), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    static Map<String, Object> condition(String type, String status, String reason, String message) {
        return Map.of("type", type, "status", status, "reason", reason, "message", message);
    }

    /** Registers the CRD of {@code type} with a status subresource, as the operator's chart would. */
    void installCrd(ResourceDefinitionContext type) {
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .resource(TestCrds.withStatus(type))
                .create();
    }

    /** Applies a custom resource with the given spec, as the platform step would. */
    GenericKubernetesResource apply(CustomResourceRef ref, Map<String, Object> spec) {
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
                .withApiVersion(ref.apiVersion())
                .withKind(ref.type().getKind())
                .withNewMetadata()
                .withName(ref.name())
                .withNamespace(ref.namespace())
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
        return client.genericKubernetesResources(ref.type())
                .inNamespace(ref.namespace())
                .resource(r)
                .create();
    }

    @Override
    public void close() {
        later.shutdownNow();
    }
}
