package dev.ghillie.preview.platform;

import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.kube.CustomResourceRef;
import dev.ghillie.preview.kube.LabelSelection;
import dev.ghillie.preview.kube.ReadinessCheck;
import dev.ghillie.preview.kube.ResourceWaiter;
import dev.ghillie.preview.kube.RolloutWaiter;
import dev.ghillie.preview.kube.WaitPolicy;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.Map;

/**
 * The waits the platform services need: on a cluster, {@link #on} answers them with the kube package's waiters; tests
 * stand in for the operators with a double.
 */
public interface PlatformWaits {

    /** Waits until every Deployment matching the labels in the namespace is available. */
    void deploymentsAvailable(String namespace, Map<String, String> labels, Duration timeout);

    /**
     * Waits until the custom resource passes {@code ready}; on timeout the failure names what
     * readiness means and shows the resource's conditions and events.
     */
    GenericKubernetesResource resourceReady(
            ResourceDefinitionContext type, String namespace, String name, ReadinessCheck ready, Duration timeout);

    /** The waits on the cluster {@code client} talks to; the waiters' progress lines go to {@code progress}. */
    static PlatformWaits on(KubernetesClient client, ProgressSink progress) {
        RolloutWaiter rollouts = new RolloutWaiter(client, progress);
        ResourceWaiter resources = new ResourceWaiter(client, progress);
        return new PlatformWaits() {
            @Override
            public void deploymentsAvailable(String namespace, Map<String, String> labels, Duration timeout) {
                rollouts.await(new LabelSelection(namespace, labels), WaitPolicy.of(timeout));
            }

            @Override
            public GenericKubernetesResource resourceReady(
                    ResourceDefinitionContext type,
                    String namespace,
                    String name,
                    ReadinessCheck ready,
                    Duration timeout) {
                return resources.await(new CustomResourceRef(type, namespace, name), ready, WaitPolicy.of(timeout));
            }
        };
    }
}
