package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * What the first use of fabric8 costs in a fresh JVM, without any of the plugin's own work: the floor under
 * {@code preview:status} (issue 12's 2 s target), which starts a fresh JVM each time. Opens a client through
 * {@link KubeClientFactory} as status does, lists the namespace's pods, Services and Secrets (status's reads), then
 * does the same reads again on the same client: the second round is what a warm JVM would pay.
 *
 * <p>A command, for the end-to-end tier (from the plugin module, after test-compile):
 * {@code java -cp "target/test-classes:target/classes:$(cat test-cp.txt)"
 * dev.ghillie.preview.kube.KubeClientFirstUseBenchmark KUBECONFIG NAMESPACE}. It prints one line.
 */
public final class KubeClientFirstUseBenchmark {

    private KubeClientFirstUseBenchmark() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: KubeClientFirstUseBenchmark KUBECONFIG NAMESPACE");
        }
        Path kubeconfig = Path.of(args[0]);
        String namespace = args[1];
        long start = System.nanoTime();
        try (KubernetesClient client = new KubeClientFactory().open(kubeconfig)) {
            long opened = System.nanoTime();
            int items = reads(client, namespace);
            long firstReads = System.nanoTime();
            reads(client, namespace);
            long secondReads = System.nanoTime();
            System.out.printf(
                    "fabric8 in a fresh JVM: kubeconfig read and client built %d ms, first reads (pods, Services,"
                            + " Secrets: %d items) %d ms, the same reads again %d ms; %d classes loaded%n",
                    millis(start, opened),
                    items,
                    millis(opened, firstReads),
                    millis(firstReads, secondReads),
                    ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        }
    }

    private static int reads(KubernetesClient client, String namespace) {
        return client.pods().inNamespace(namespace).list().getItems().size()
                + client.services().inNamespace(namespace).list().getItems().size()
                + client.secrets().inNamespace(namespace).list().getItems().size();
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
