package dev.ghillie.preview.image;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Serves /health, starts a child process, and then does not stop on SIGTERM: its shutdown hook hangs. */
public final class HangingService {

    public static void main(String[] args) throws IOException, InterruptedException {
        HttpServer server = HttpServer.create(
                new InetSocketAddress(System.getenv("GHILLIE_HOST"), Integer.parseInt(System.getenv("GHILLIE_PORT"))),
                0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        Process child = new ProcessBuilder("sleep", "600").start();
        System.out.println("child " + child.pid());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        server.start();
    }
}
