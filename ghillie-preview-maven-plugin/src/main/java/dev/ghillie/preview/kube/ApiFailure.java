package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Turns a fabric8 client failure into a one-line {@link KubeException} that says what was being done. */
public final class ApiFailure {

    private ApiFailure() {}

    /**
     * {@code Could not list the pods ... (HTTP 403: pods is forbidden ...): is the cluster running and the kubeconfig
     * current?}. Not for Secret writes: the server's message may echo values there (see {@link SecretApplier}).
     */
    public static KubeException of(String action, KubernetesClientException e) {
        return new KubeException(
                "Could not " + action + " (" + detail(e) + "): is the cluster running and the " + "kubeconfig current?",
                e);
    }

    static String detail(KubernetesClientException e) {
        if (e.getCode() <= 0) {
            return "no answer from the API server";
        }
        String message = e.getStatus() == null ? null : e.getStatus().getMessage();
        return "HTTP " + e.getCode()
                + (message == null || message.isBlank() ? "" : ": " + EventReader.oneLine(message));
    }
}
