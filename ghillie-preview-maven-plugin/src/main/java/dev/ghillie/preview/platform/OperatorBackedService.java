package dev.ghillie.preview.platform;

import dev.ghillie.preview.Deadline;
import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.SecretValue;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.ReleaseConverger;
import dev.ghillie.preview.kube.ApiFailure;
import dev.ghillie.preview.kube.Namespaces;
import dev.ghillie.preview.kube.ReadinessCheck;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The shape both data services share: converge the operator's chart and wait for it, apply one
 * custom resource beside the app, wait until the operator reports it ready, and form the URL from a
 * key of the Secret the operator wrote. Each service is this with its own {@link Spec}.
 */
abstract class OperatorBackedService implements PlatformService {

    /**
     * What differs between the services.
     *
     * @param prerequisite what must exist in the namespace before the resource (e.g. a Secret it names)
     * @param resource     the custom resource to apply, for a namespace
     * @param url          the URL the runtime reads, from the namespace and the Secret key's value
     */
    record Spec(
            String name,
            String operatorRelease,
            String operatorNamespace,
            ResourceDefinitionContext type,
            Prerequisite prerequisite,
            Function<String, GenericKubernetesResource> resource,
            ReadinessCheck readiness,
            String secretName,
            String secretKey,
            BiFunction<String, String, String> url) {

        /** Where the service lives and when it is ready, for a look without waiting. */
        OperatorTarget target() {
            return new OperatorTarget(
                    name,
                    operatorRelease,
                    operatorNamespace,
                    type,
                    resource.apply("default").getMetadata().getName(),
                    readiness);
        }
    }

    /** Something the service creates beside its resource, converging like the rest. */
    @FunctionalInterface
    interface Prerequisite {
        Prerequisite NONE = (client, namespace) -> {};

        void ensure(KubernetesClient client, String namespace);
    }

    /** How long the operator's webhook may refuse the resource after its Deployment turned Available. */
    private static final Duration WEBHOOK_GRACE = Duration.ofMinutes(1);

    private static final Duration WEBHOOK_RETRY = Duration.ofSeconds(1);
    /** How often to look for the operator's Secret once the resource is ready. */
    private static final Duration SECRET_POLL = Duration.ofMillis(500);

    private final Spec spec;
    private final OperatorInstall operator;
    private final PlatformWaits waits;
    /** Gives the client for a kubeconfig; the caller owns and closes it. */
    private final Function<Path, KubernetesClient> clients;

    private final ChartSource chart;
    private final Duration timeout;

    OperatorBackedService(
            Spec spec,
            ReleaseConverger releases,
            PlatformWaits waits,
            Function<Path, KubernetesClient> clients,
            ChartSource chart,
            Duration timeout) {
        this.spec = spec;
        this.operator = new OperatorInstall(releases, waits);
        this.waits = waits;
        this.clients = clients;
        this.chart = chart;
        this.timeout = timeout;
    }

    @Override
    public final String name() {
        return spec.name();
    }

    @Override
    public final Result ensure(Path kubeconfig, String namespace) {
        Deadline deadline = Deadline.after(timeout);
        ReleaseConverger.Result installed = operator.ensure(
                kubeconfig, spec.operatorRelease(), spec.operatorNamespace(), chart, deadline.remaining());
        KubernetesClient client = clients.apply(kubeconfig);
        Namespaces.ensure(client, namespace);
        spec.prerequisite().ensure(client, namespace);
        GenericKubernetesResource resource = spec.resource().apply(namespace);
        String name = resource.getMetadata().getName();
        apply(client, namespace, resource, deadline.within(WEBHOOK_GRACE));
        waits.resourceReady(spec.type(), namespace, name, spec.readiness(), deadline.remaining());
        String password = awaitSecretKey(client, namespace, name, deadline);
        return new Result(
                SecretValue.of(spec.url().apply(namespace, password)),
                "operator " + installed.summary() + ", " + spec.type().getKind() + " " + name + " ready");
    }

    /**
     * Creates or updates the resource. The operator's Deployment turns Available before its admission
     * webhook's Service has endpoints, and until then the API server refuses the resource ("failed
     * calling webhook ...: no endpoints available for service ...", or "connection refused"): try again
     * for a short while, never past the step's deadline. Any other refusal fails at once.
     */
    private void apply(
            KubernetesClient client, String namespace, GenericKubernetesResource resource, Deadline webhookDeadline) {
        String name = resource.getMetadata().getName();
        while (true) {
            try {
                client.genericKubernetesResources(spec.type())
                        .inNamespace(namespace)
                        .resource(resource)
                        .createOr(NonDeletingOperation::update);
                return;
            } catch (KubernetesClientException e) {
                if (!webhookNotServing(e)) {
                    throw refused(namespace, name, e);
                }
                if (webhookDeadline.expired()) {
                    throw new PreviewException(
                            spec.type().getKind() + " " + namespace + "/" + name
                                    + " could not be created: the operator's"
                                    + " admission webhook did not answer in time ("
                                    + oneLine(e.getStatus().getMessage()) + "): check the operator's"
                                    + " pods: kubectl -n " + spec.operatorNamespace() + " get pods, then run up again",
                            e);
                }
                webhookDeadline.sleep(WEBHOOK_RETRY, "the admission webhook of " + spec.operatorRelease());
            }
        }
    }

    /**
     * Any other refusal of the resource, as one line rather than the client's exception escaping as the plugin's internal
     * error. A 404 is the resource type missing: its CRD comes with the operator's chart, and Helm installs a chart's CRDs
     * only on a first install, so an operator release made earlier from another chart leaves them out.
     */
    private PreviewException refused(String namespace, String name, KubernetesClientException e) {
        String type = spec.type().getGroup() + "/" + spec.type().getVersion() + " "
                + spec.type().getKind();
        String what =
                spec.type().getKind() + " " + namespace + "/" + name + " could not be created (" + apiAnswer(e) + "): ";
        if (e.getCode() == 404) {
            return new PreviewException(
                    what + "the cluster has no resource type " + type + ", whose CRD the operator's chart ("
                            + chart.describe() + ") installs; Helm adds no CRDs to a release " + spec.operatorRelease()
                            + " installed earlier"
                            + " from another chart: run preview:down, then up again",
                    e);
        }
        return new PreviewException(
                what + "check that the operator's chart (" + chart.describe() + ") is the one this plugin"
                        + " pins, or run with -X for the API server's answer",
                e);
    }

    /** {@code HTTP 404: the server could not find the requested resource}, or that nothing answered. */
    static String apiAnswer(KubernetesClientException e) {
        if (e.getCode() <= 0) {
            return "no answer from the API server";
        }
        String message = e.getStatus() == null ? null : e.getStatus().getMessage();
        return "HTTP " + e.getCode() + (message == null || message.isBlank() ? "" : ": " + oneLine(message));
    }

    /** The API server's answer when it could not reach a webhook: 500, "failed calling webhook". */
    static boolean webhookNotServing(KubernetesClientException e) {
        return e.getCode() == 500
                && e.getStatus() != null
                && e.getStatus().getMessage() != null
                && e.getStatus().getMessage().contains("failed calling webhook");
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /**
     * The operator may write the Secret (or its key) a moment after it reports the resource ready:
     * look again until the step's deadline rather than fail on the first look.
     */
    private String awaitSecretKey(KubernetesClient client, String namespace, String name, Deadline deadline) {
        while (true) {
            Secret secret;
            try {
                secret = client.secrets()
                        .inNamespace(namespace)
                        .withName(spec.secretName())
                        .get();
            } catch (KubernetesClientException e) {
                throw ApiFailure.of("read Secret " + namespace + "/" + spec.secretName(), e);
            }
            String value = secret == null || secret.getData() == null
                    ? null
                    : secret.getData().get(spec.secretKey());
            if (value != null) {
                return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            }
            if (deadline.expired()) {
                String problem = secret == null ? "does not exist" : "has no '" + spec.secretKey() + "' key";
                throw new PreviewException(
                        spec.type().getKind() + " " + namespace + "/" + name + " is ready but its Secret "
                                + spec.secretName() + " " + problem + " " + deadline.describe()
                                + ": check the operator's version ("
                                + chart.describe() + ") and its logs, or raise ghillie.preview.platformTimeout");
            }
            deadline.sleep(SECRET_POLL, "Secret " + namespace + "/" + spec.secretName());
        }
    }
}
