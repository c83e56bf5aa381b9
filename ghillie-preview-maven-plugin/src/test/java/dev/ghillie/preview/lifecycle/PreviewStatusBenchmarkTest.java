package dev.ghillie.preview.lifecycle;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long {@code preview:status} takes on a warm, healthy preview: both data services, the app Secret, the release,
 * one pod and the URL's two paths, against fabric8's mock API server and a local HTTP server. Times
 * {@link PreviewStatus#report} (k3d and Helm answered by doubles: on a real cluster they add their own processes and
 * calls, see docs/benchmarks.md). Prints figures for docs/benchmarks.md; runs only with -Dghillie.bench=true; asserts
 * nothing about time.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class PreviewStatusBenchmarkTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    /** The first report's time: the JVM's class loading and the first client's start-up, as in a fresh Maven run. */
    private long firstMillis;

    @Test
    void reportOnAWarmHealthyPreview() throws Exception {
        assumeTrue(Boolean.getBoolean("ghillie.bench"), "benchmark: run with -Dghillie.bench=true");
        try (MockPreview preview = new MockPreview(server, client, tmp)) {
            preview.healthyPreview();
            StatusReport first = timed(preview);
            if (!first.healthy()) {
                throw new AssertionError("the benchmark's preview must be healthy:\n" + first.toTable());
            }
            int runs = 20;
            long[] millis = new long[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                preview.status();
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
            Arrays.sort(millis);
            System.out.println(first.toTable());
            System.out.printf(
                    "status on a warm healthy preview (mock API server, %d parts): first %d ms; of %d more: median %d ms,"
                            + " min %d ms, max %d ms%n",
                    first.parts().size(), firstMillis, runs, millis[runs / 2], millis[0], millis[runs - 1]);
        }
    }

    private StatusReport timed(MockPreview preview) throws Exception {
        long start = System.nanoTime();
        StatusReport report = preview.status();
        firstMillis = (System.nanoTime() - start) / 1_000_000;
        return report;
    }
}
