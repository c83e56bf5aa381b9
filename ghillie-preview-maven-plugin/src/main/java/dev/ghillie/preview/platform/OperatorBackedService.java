package dev.ghillie.preview.platform;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.SecretValue;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.ReleaseConverger;
import dev.ghillie.preview.kube.Namespaces;
import dev.ghillie.preview.kube.ReadinessCheck;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Function;

/**
 * The shape both data services share: converge the operator's chart and wait for it, apply one
 * custom resource beside the app, wait until the operator reports it ready, and form the URL from a
 * key of the Secret the operator wrote. Subclasses say which operator, resource, Secret and URL.
 */
abstract class OperatorBackedService implements PlatformService {

    private final OperatorInstall operator;
    private final PlatformWaits waits;
    /** Gives the client for a kubeconfig; the caller owns and closes it. */
    private final Function<Path, KubernetesClient> clients;
    private final ChartSource chart;
    private final Duration timeout;

    OperatorBackedService(ReleaseConverger releases, PlatformWaits waits, Function<Path, KubernetesClient> clients,
            ChartSource chart, Duration timeout) {
        this.operator = new OperatorInstall(releases, waits);
        this.waits = waits;
        this.clients = clients;
        this.chart = chart;
        this.timeout = timeout;
    }

    abstract String operatorRelease();

    abstract String operatorNamespace();

    abstract ResourceDefinitionContext type();

    abstract GenericKubernetesResource resource(String namespace);

    abstract ReadinessCheck readiness();

    /** The Secret the operator writes for the instance, and its key that leads to the URL. */
    abstract String secretName();

    abstract String secretKey();

    /** The URL the runtime reads, from the Secret key's value. */
    abstract String url(String namespace, String secretValue);

    @Override
    public final Result ensure(Path kubeconfig, String namespace) {
        ReleaseConverger.Result installed = operator.ensure(kubeconfig, operatorRelease(), operatorNamespace(), chart, timeout);
        KubernetesClient client = clients.apply(kubeconfig);
        Namespaces.ensure(client, namespace);
        GenericKubernetesResource resource = resource(namespace);
        client.genericKubernetesResources(type()).inNamespace(namespace).resource(resource).createOr(NonDeletingOperation::update);
        String name = resource.getMetadata().getName();
        waits.resourceReady(type(), namespace, name, readiness(), timeout);
        Secret secret = client.secrets().inNamespace(namespace).withName(secretName()).get();
        String value = secret == null || secret.getData() == null ? null : secret.getData().get(secretKey());
        if (value == null) {
            throw new PreviewException(type().getKind() + " " + namespace + "/" + name + " is ready but its Secret " + secretName()
                    + " has no '" + secretKey() + "' key: check the operator's version (" + chart.describe() + ")");
        }
        String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        return new Result(SecretValue.of(url(namespace, decoded)),
                "operator " + installed.summary() + ", " + type().getKind() + " " + name + " ready");
    }
}
