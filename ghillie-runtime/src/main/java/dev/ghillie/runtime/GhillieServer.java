package dev.ghillie.runtime;

import dev.ghillie.runtime.readiness.DependencyCheck;
import dev.ghillie.runtime.readiness.PostgresCheck;
import dev.ghillie.runtime.readiness.Readiness;
import dev.ghillie.runtime.readiness.ValkeyCheck;
import io.helidon.webserver.WebServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The running service: a Helidon SE web server plus the readiness state behind /ready. */
public final class GhillieServer implements AutoCloseable {

    /** How old a cached dependency result may be before /ready probes again. */
    static final Duration CHECK_MAX_AGE = Duration.ofSeconds(1);

    private final RuntimeConfig config;
    private final Readiness readiness;
    private final WebServer webServer;

    private GhillieServer(RuntimeConfig config, Readiness readiness, WebServer webServer) {
        this.config = config;
        this.readiness = readiness;
        this.webServer = webServer;
    }

    public static GhillieServer start(RuntimeConfig config, BuildInfo buildInfo) {
        Readiness readiness = new Readiness(checks(config), CHECK_MAX_AGE);
        RuntimeRoutes routes = new RuntimeRoutes(readiness, buildInfo);
        WebServer webServer = WebServer.builder()
                .host(config.host())
                .port(config.port())
                // Main owns the JVM shutdown hook so that readiness drains before the listener stops.
                .shutdownHook(false)
                .shutdownGracePeriod(config.shutdownGrace())
                // A request the server cannot read is the client's error: 400 and no stack trace.
                .directHandlers(UnreadableRequests.directHandlers())
                .routing(routes::register)
                .build()
                .start();
        return new GhillieServer(config, readiness, webServer);
    }

    private static List<DependencyCheck> checks(RuntimeConfig config) {
        List<DependencyCheck> checks = new ArrayList<>();
        config.database().ifPresent(target -> checks.add(new PostgresCheck(target, config.checkTimeout())));
        config.valkey().ifPresent(target -> checks.add(new ValkeyCheck(target, config.checkTimeout())));
        return checks;
    }

    public int port() {
        return webServer.port();
    }

    /**
     * Graceful stop, as on SIGTERM: /ready turns 503 at once, the drain delay gives load
     * balancers time to notice, then the listener stops and waits up to the grace period for
     * requests in flight.
     */
    public void drainAndStop() {
        readiness.startDraining();
        boolean interrupted = sleep(config.drainDelay());
        // An interrupted drain still stops the listener; the interrupt is kept for the caller.
        close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        webServer.stop();
        readiness.close();
    }

    /** Sleeps for the delay; returns whether the sleep was interrupted (the flag is cleared). */
    private static boolean sleep(Duration delay) {
        if (delay.isZero()) {
            return false;
        }
        try {
            Thread.sleep(delay);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }
}
