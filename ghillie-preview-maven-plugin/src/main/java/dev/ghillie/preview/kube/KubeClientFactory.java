package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Opens fabric8 clients from one explicit kubeconfig file.
 *
 * <p>The preview must talk to the cluster it created, never to whatever {@code ~/.kube/config} or
 * {@code KUBECONFIG} happens to point at, so the configuration is read from the given file only and fabric8's
 * auto-configuration (environment, system properties, in-cluster service account) is not consulted.
 */
public final class KubeClientFactory {

    /** Connect timeout and per-request timeout used when none are given. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final int REQUEST_RETRIES = 3;

    private final Duration connectTimeout;
    private final Duration requestTimeout;

    public KubeClientFactory() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public KubeClientFactory(Duration connectTimeout, Duration requestTimeout) {
        this.connectTimeout = requirePositive(connectTimeout, "connect timeout");
        this.requestTimeout = requirePositive(requestTimeout, "request timeout");
    }

    /** A client for the current context of {@code kubeconfig}. The caller closes it. */
    public KubernetesClient open(Path kubeconfig) {
        return build(kubeconfig, config(kubeconfig, null));
    }

    /** A client for a named context of {@code kubeconfig}. The caller closes it. */
    public KubernetesClient open(Path kubeconfig, String context) {
        Objects.requireNonNull(context, "context");
        return build(kubeconfig, config(kubeconfig, context));
    }

    /**
     * fabric8 reads the certificates and keys only here: a kubeconfig whose client certificate or key is not one
     * (hand-edited, truncated) fails with "An error has occurred. No certificate data found", which is the user's file,
     * not our bug.
     */
    private static KubernetesClient build(Path kubeconfig, Config config) {
        try {
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (KubernetesClientException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new KubeException(
                    "Kubeconfig " + kubeconfig + " cannot be used ("
                            + cause.getClass().getSimpleName() + ": "
                            + String.valueOf(cause.getMessage())
                                    .lines()
                                    .findFirst()
                                    .orElse("") + "): its certificates or keys are not"
                            + " readable; regenerate it with 'k3d kubeconfig write <cluster>'.",
                    e);
        }
    }

    Config config(Path kubeconfig, String context) {
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        if (!Files.isRegularFile(kubeconfig) || !Files.isReadable(kubeconfig)) {
            throw new KubeException("Kubeconfig " + kubeconfig + " does not exist or is not readable: "
                    + "check the path (k3d writes it with 'k3d kubeconfig write <cluster>').");
        }
        Config config;
        try {
            config = Config.fromKubeconfig(context, kubeconfig.toFile());
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new KubeException(
                    "Kubeconfig " + kubeconfig + " could not be read"
                            + (context == null ? "" : " for context '" + context + "'") + ": " + e.getMessage(),
                    e);
        }
        // Without a current context fabric8 silently falls back to its in-cluster default URL.
        if (config.getCurrentContext() == null
                || config.getMasterUrl() == null
                || config.getMasterUrl().isBlank()) {
            throw new KubeException("Kubeconfig " + kubeconfig + " names no API server"
                    + (context == null ? " in its current context" : " for context '" + context + "'")
                    + ": regenerate it with 'k3d kubeconfig write <cluster>'.");
        }
        config.setConnectionTimeout(Math.toIntExact(connectTimeout.toMillis()));
        config.setRequestTimeout(Math.toIntExact(requestTimeout.toMillis()));
        // fabric8 retries 10 times with doubling back-off by default: over a minute and a half of silence when the
        // cluster is stopped. A few quick retries cover a busy API server; the waits do their own polling.
        config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
        return config;
    }

    private static Duration requirePositive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return value;
    }
}
