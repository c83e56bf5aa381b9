package dev.ghillie.preview.image;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A service that is not ghillie-runtime: its own port (the first argument, no variable read) and only /healthz. */
public final class FixedPortService {

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 0);
        server.createContext("/healthz", exchange -> {
            System.out.println("asked " + exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        System.out.println("fixed-port service on " + args[0]);
    }
}
