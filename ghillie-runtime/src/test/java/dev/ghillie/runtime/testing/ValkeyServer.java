package dev.ghillie.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A real Redis-protocol server (Debian's redis-server; Valkey speaks the same protocol) on loopback. */
public final class ValkeyServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private ValkeyServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server requiring {@code password} (or none when null), or skips when redis-server is missing. */
    public static ValkeyServer start(String password) {
        String binary = ExternalProcess.locate("valkey-server", "/usr/bin/valkey-server", "/usr/bin/redis-server");
        Assumptions.assumeTrue(
                binary != null,
                "redis-server/valkey-server is not installed: skipping the Valkey readiness test (.ci/run installs it)");
        int port = FreePort.pick();
        List<String> command = new ArrayList<>(List.of(
                binary,
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no"));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        try {
            Path dir = Files.createTempDirectory("ghillie-valkey");
            command.addAll(List.of("--dir", dir.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile())
                    .start();
            ValkeyServer server = new ValkeyServer(process, port);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    private void awaitListening() {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited with " + process.exitValue());
                }
                sleep();
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
