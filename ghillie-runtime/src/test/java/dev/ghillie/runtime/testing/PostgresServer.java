package dev.ghillie.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server on loopback for the readiness tests: initdb into a temp dir, password
 * authentication for a user {@code ghillie}, started with pg_ctl on a free port. PostgreSQL refuses
 * to run as root, so as root it runs as the {@code postgres} system user.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "ghillie";
    public static final String PASSWORD = "s3cret-pg-Pa55";
    public static final String DATABASE = "ghillie";

    private final Path dataDir;
    private final int port;
    private final String binDir;
    private final boolean asPostgresUser;
    private boolean running;

    private PostgresServer(Path dataDir, int port, String binDir, boolean asPostgresUser) {
        this.dataDir = dataDir;
        this.port = port;
        this.binDir = binDir;
        this.asPostgresUser = asPostgresUser;
    }

    /** Starts a server, or skips the calling test when PostgreSQL's binaries are not installed. */
    public static PostgresServer start() {
        String initdb = ExternalProcess.locate(
                "initdb",
                "/usr/local/bin/initdb",
                "/usr/lib/postgresql/17/bin/initdb",
                "/usr/lib/postgresql/16/bin/initdb",
                "/usr/lib/postgresql/15/bin/initdb");
        Assumptions.assumeTrue(
                initdb != null,
                "PostgreSQL's initdb is not installed: skipping the PostgreSQL readiness test (.ci/run installs it)");
        try {
            // /usr/local/bin may hold links to initdb and friends only; createdb lives beside the real one.
            String binDir = Path.of(initdb).toRealPath().getParent().toString();
            Path base = Files.createTempDirectory("ghillie-pg");
            Path dataDir = base.resolve("data");
            Path pwFile = base.resolve("pw");
            Files.writeString(pwFile, PASSWORD + "\n");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                ExternalProcess.run(List.of("chown", "-R", "postgres:postgres", base.toString()), base);
                // Only the search bit for the postgres user: the parent is usually /tmp, whose sticky, world-writable
                // mode (1777) others rely on (apt's sandbox user writes its temporary files there).
                ExternalProcess.run(List.of("chmod", "a+x", base.getParent().toString()), base);
            }
            PostgresServer server = new PostgresServer(dataDir, FreePort.pick(), binDir, root);
            server.exec(List.of(
                    binDir + "/initdb",
                    "-D",
                    dataDir.toString(),
                    "-U",
                    USER,
                    "--pwfile=" + pwFile,
                    "--auth=scram-sha-256",
                    "-E",
                    "UTF8",
                    "--no-instructions"));
            server.startAgain();
            try {
                server.exec(
                        List.of(
                                binDir + "/createdb",
                                "-h",
                                "127.0.0.1",
                                "-p",
                                Integer.toString(server.port),
                                "-U",
                                USER,
                                DATABASE),
                        "PGPASSWORD=" + PASSWORD);
            } catch (RuntimeException e) {
                // The caller never gets the server to stop: stop it here rather than leave it running.
                server.stop();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url(String password) {
        return "postgresql://" + USER + ":" + password + "@127.0.0.1:" + port + "/" + DATABASE;
    }

    public void stop() {
        if (running) {
            exec(List.of(binDir + "/pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
            running = false;
        }
    }

    public void startAgain() {
        exec(List.of(
                binDir + "/pg_ctl",
                "-D",
                dataDir.toString(),
                "-w",
                "-t",
                "60",
                "-l",
                dataDir.resolveSibling("pg.log").toString(),
                "-o",
                "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start"));
        running = true;
    }

    @Override
    public void close() {
        stop();
    }

    private void exec(List<String> command, String... env) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        if (env.length > 0) {
            full.add("env");
            full.addAll(List.of(env));
        }
        full.addAll(command);
        ExternalProcess.run(full, dataDir.getParent());
    }
}
