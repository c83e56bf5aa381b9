package dev.ghillie.preview.kube;

import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;

/** A running {@code logs --follow}: streams until closed. */
public final class LogFollow implements AutoCloseable {

    private final ScheduledExecutorService discovery;
    private final Map<String, LogWatch> streams = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    LogFollow(ScheduledExecutorService discovery) {
        this.discovery = discovery;
    }

    Map<String, LogWatch> streams() {
        return streams;
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Blocks until {@link #close()} is called (e.g. from a shutdown hook on Ctrl-C). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        closed.countDown();
        discovery.shutdownNow();
        streams.values().forEach(LogWatch::close);
        streams.clear();
    }
}
