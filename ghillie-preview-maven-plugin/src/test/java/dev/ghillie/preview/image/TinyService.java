package dev.ghillie.preview.image;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A service as small as the image contract allows: GHILLIE_HOST and GHILLIE_PORT, /health, /ready and /version. */
public final class TinyService {

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(
                new InetSocketAddress(System.getenv("GHILLIE_HOST"), Integer.parseInt(System.getenv("GHILLIE_PORT"))),
                0);
        for (String path : new String[] {"/health", "/ready", "/version"}) {
            server.createContext(path, exchange -> {
                byte[] body = ("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
        }
        server.start();
        System.out.println("tiny service on port " + server.getAddress().getPort());
        System.out.println("JVM arguments: "
                + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
