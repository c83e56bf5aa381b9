package dev.ghillie.runtime.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedCheckTest {

    /** A check that counts its runs and can be held inside a run until released. */
    private static final class CountingCheck implements DependencyCheck {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger concurrent = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        volatile CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch release = new CountDownLatch(0);
        volatile CheckResult next = CheckResult.pass();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public CheckResult run() {
            int now = concurrent.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            runs.incrementAndGet();
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
            return next;
        }
    }

    private final AtomicLong clock = new AtomicLong();
    private final CountingCheck check = new CountingCheck();
    private final CachedCheck cached = new CachedCheck(check, Duration.ofSeconds(1), clock::get);

    @Test
    void reusesAResultYoungerThanMaxAge() {
        assertThat(cached.result().passed()).isTrue();
        clock.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(cached.result().passed()).isTrue();

        assertThat(check.runs).hasValue(1);
    }

    @Test
    void runsAgainOnceTheResultIsTooOld() {
        cached.result();
        check.next = CheckResult.fail("connection refused");
        clock.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(cached.result()).isEqualTo(CheckResult.fail("connection refused"));
        assertThat(check.runs).hasValue(2);
    }

    @Test
    void aBurstOfCallersCostsOneRunAndNobodyQueuesBehindARefresh() throws Exception {
        cached.result();
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        check.entered = new CountDownLatch(1);
        check.release = new CountDownLatch(1);
        check.next = CheckResult.fail("timed out");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<CheckResult> refreshing = pool.submit(cached::result);
            assertThat(check.entered.await(10, TimeUnit.SECONDS)).isTrue();

            List<Future<CheckResult>> others = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                others.add(pool.submit(cached::result));
            }
            for (Future<CheckResult> other : others) {
                // While the refresh is held, everyone else gets the previous (passing) result at once.
                assertThat(other.get(10, TimeUnit.SECONDS).passed()).isTrue();
            }
            check.release.countDown();
            assertThat(refreshing.get(10, TimeUnit.SECONDS)).isEqualTo(CheckResult.fail("timed out"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(check.runs).hasValue(2);
        assertThat(check.maxConcurrent).hasValue(1);
        assertThat(cached.result()).isEqualTo(CheckResult.fail("timed out"));
    }

    @Test
    void firstCallersWaitForTheFirstResultInsteadOfRunningTheirOwn() throws Exception {
        check.release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CheckResult>> callers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                callers.add(pool.submit(cached::result));
            }
            assertThat(check.entered.await(10, TimeUnit.SECONDS)).isTrue();
            check.release.countDown();
            for (Future<CheckResult> caller : callers) {
                assertThat(caller.get(10, TimeUnit.SECONDS).passed()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(check.runs).hasValue(1);
    }
}
