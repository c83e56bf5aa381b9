package dev.ghillie.preview.standin;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The stand-in operators' controller (test code for the e2e tier, never shipped): {@code cnpg} stands in for CloudNativePG,
 * {@code valkey-io} for the valkey-io operator, {@code hyperspike} for hyperspike's. Informers on the custom resources and on the pods made for them feed one
 * queue of {@code namespace/name} keys; one thread reconciles them, a failure is retried a moment later, and the
 * informers' resync looks at every resource again now and then.
 *
 * <p>Runs in the cluster with {@code hostNetwork: true} (there is no Service routing to the API server): the chart sets
 * {@code KUBERNETES_SERVICE_HOST=127.0.0.1} and the API server's real port, and fabric8 reads the pod's service account.
 * The image of the data service's pods comes in {@code STANDIN_DATA_IMAGE}.
 */
public final class StandinOperator implements AutoCloseable {

    private static final long RESYNC_MILLIS = 15_000;
    private static final long RETRY_MILLIS = 2_000;

    private final StandinReconciler reconciler;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
    /** Keys waiting to be reconciled: one entry per resource, however many events arrive meanwhile. */
    private final Set<String> pending = new LinkedHashSet<>();

    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    StandinOperator(StandinReconciler reconciler) {
        this.reconciler = reconciler;
    }

    public static void main(String[] args) throws InterruptedException {
        String image = System.getenv("STANDIN_DATA_IMAGE");
        if (args.length != 1 || image == null || image.isBlank()) {
            System.err.println("usage: STANDIN_DATA_IMAGE=<image> StandinOperator cnpg|valkey-io|hyperspike");
            System.exit(2);
        }
        KubernetesClient client = new KubernetesClientBuilder().build();
        StandinReconciler reconciler = switch (args[0]) {
            case "cnpg" -> new CnpgStandin(client, image);
            case "valkey-io" -> new ValkeyIoStandin(client, image);
            case "hyperspike" -> new HyperspikeStandin(client, image);
            default ->
                throw new IllegalArgumentException("unknown operator " + args[0] + ": cnpg, valkey-io or hyperspike");
        };
        new StandinOperator(reconciler).start(client);
        log("stand-in " + args[0] + " operator watching " + reconciler.type().getKind() + " in all namespaces ("
                + client.getMasterUrl() + ")");
        Thread.currentThread().join();
    }

    void start(KubernetesClient client) {
        informers.add(client.genericKubernetesResources(reconciler.type())
                .inAnyNamespace()
                .inform(handler(resource -> resource.getMetadata().getName()), RESYNC_MILLIS));
        informers.add(client.pods()
                .inAnyNamespace()
                .withLabel(reconciler.instanceLabel())
                .inform(handler(pod -> pod.getMetadata().getLabels().get(reconciler.instanceLabel())), RESYNC_MILLIS));
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        worker.shutdownNow();
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(Function<T, String> owner) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                enqueue(object.getMetadata().getNamespace() + "/" + owner.apply(object), 0);
            }

            @Override
            public void onUpdate(T before, T after) {
                onAdd(after);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                onAdd(object);
            }
        };
    }

    private void enqueue(String key, long delayMillis) {
        synchronized (pending) {
            if (!pending.add(key)) {
                return;
            }
        }
        worker.schedule(() -> reconcile(key), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void reconcile(String key) {
        synchronized (pending) {
            pending.remove(key);
        }
        String[] parts = key.split("/", 2);
        try {
            reconciler.reconcile(parts[0], parts[1]);
        } catch (RuntimeException e) {
            // One line: the API server's message names the object; a Secret's content never reaches an exception here.
            log("reconcile " + key + " failed, retrying: " + e.getMessage());
            enqueue(key, RETRY_MILLIS);
        }
    }

    private static void log(String line) {
        System.out.println(Instant.now() + " " + line);
    }
}
