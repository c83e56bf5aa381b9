package dev.ghillie.runtime;

import java.util.logging.Logger;

/**
 * Entry point of the runtime, used by {@code java -jar ghillie-runtime.jar} and by the image.
 * Reads the environment, starts the server, and stops it gracefully on SIGTERM.
 */
public final class Main {

    /** Exit status for a configuration error, distinct from a crash. */
    static final int CONFIG_ERROR_EXIT = 2;

    private Main() {}

    public static void main(String[] args) {
        long startNanos = System.nanoTime();
        RuntimeConfig config;
        try {
            config = RuntimeConfig.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("ghillie-runtime: " + e.getMessage());
            System.exit(CONFIG_ERROR_EXIT);
            return;
        }
        RuntimeLogging.configure(config.logLevel());
        BuildInfo buildInfo = BuildInfo.fromClasspath(config.imageDigest());
        GhillieServer server = GhillieServer.start(config, buildInfo);
        Runtime.getRuntime().addShutdownHook(new Thread(server::drainAndStop, "ghillie-shutdown"));
        Logger.getLogger(Main.class.getName())
                .info(() -> String.format(
                        "ghillie-runtime %s (commit %s) listening on http://%s:%d in %d ms",
                        buildInfo.version(),
                        buildInfo
                                .commit()
                                .map(c -> c.substring(0, Math.min(12, c.length())))
                                .orElse("unknown"),
                        config.host(),
                        server.port(),
                        (System.nanoTime() - startNanos) / 1_000_000));
    }
}
