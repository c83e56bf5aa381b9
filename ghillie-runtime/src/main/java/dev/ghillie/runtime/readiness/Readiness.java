package dev.ghillie.runtime.readiness;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Whether the service should receive traffic: every configured dependency answers and the
 * process is not shutting down. Stale checks are refreshed side by side, so /ready takes as
 * long as the slowest dependency, not the sum of them.
 */
public final class Readiness implements AutoCloseable {

    /** What /ready reports. {@code checks} keeps the configured order. */
    public record Report(boolean ready, boolean draining, Map<String, CheckResult> checks) {}

    private final List<CachedCheck> checks;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean draining;

    public Readiness(List<DependencyCheck> dependencies, Duration maxAge) {
        this.checks = dependencies.stream()
                .map(check -> new CachedCheck(check, maxAge))
                .toList();
    }

    /** From now on the service reports not ready, so load balancers stop sending new work. */
    public void startDraining() {
        draining = true;
    }

    public Report report() {
        if (draining) {
            return new Report(false, true, Map.of());
        }
        List<Future<CheckResult>> running = checks.stream()
                .map(check -> executor.submit((Callable<CheckResult>) check::result))
                .toList();
        Map<String, CheckResult> results = new LinkedHashMap<>();
        boolean ready = true;
        for (int i = 0; i < checks.size(); i++) {
            CheckResult result = await(running.get(i));
            results.put(checks.get(i).name(), result);
            ready &= result.passed();
        }
        return new Report(ready && !draining, draining, results);
    }

    private static CheckResult await(Future<CheckResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail("interrupted");
        } catch (ExecutionException e) {
            return CheckResult.fail(FailureReason.of(e.getCause(), null));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
