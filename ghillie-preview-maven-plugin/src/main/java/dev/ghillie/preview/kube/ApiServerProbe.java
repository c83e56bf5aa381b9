package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Whether a cluster's API server answers: what a provider asks before it calls a cluster running when its own tool
 * cannot say (an existing cluster; a kind cluster, listed even when its node containers are stopped).
 */
public final class ApiServerProbe {

    /** A running cluster's API server answers {@code /version} at once; a dead one is reported, not waited for. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final KubeClientFactory clients = new KubeClientFactory(CONNECT_TIMEOUT, REQUEST_TIMEOUT);

    /**
     * True when {@code GET /version} gets any HTTP answer: a 401 or 403 is a server that runs (the credentials are the
     * other parts' concern, and they say so); no connection or no answer in time is false.
     */
    public boolean answers(Path kubeconfig) {
        try (KubernetesClient client = clients.open(kubeconfig)) {
            client.getKubernetesVersion();
            return true;
        } catch (KubernetesClientException e) {
            return e.getCode() > 0;
        }
    }
}
