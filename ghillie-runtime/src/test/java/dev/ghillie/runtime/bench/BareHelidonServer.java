package dev.ghillie.runtime.bench;

import io.helidon.webserver.WebServer;

/**
 * The benchmark's baseline: a bare Helidon SE route returning a constant string, started with
 * the same JVM flags as the runtime, so /health throughput is compared against Helidon itself.
 */
public final class BareHelidonServer {

    private BareHelidonServer() {}

    public static void main(String[] args) {
        WebServer.builder()
                .host("127.0.0.1")
                .port(Integer.parseInt(System.getenv("GHILLIE_PORT")))
                .routing(routing -> routing.get("/health", (req, res) -> res.send("ok")))
                .build()
                .start();
    }
}
