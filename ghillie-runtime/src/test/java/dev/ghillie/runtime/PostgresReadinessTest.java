package dev.ghillie.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.runtime.testing.FreePort;
import dev.ghillie.runtime.testing.HttpProbe;
import dev.ghillie.runtime.testing.PostgresServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /ready against a real PostgreSQL on loopback. */
class PostgresReadinessTest {

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void readyWhenTheDatabaseAnswers() {
        try (GhillieServer server =
                ServerFixture.start(Map.of("DATABASE_URL", postgres.url(PostgresServer.PASSWORD)))) {
            HttpProbe.Response response = new HttpProbe(server.port()).get("/ready");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"ready\",\"checks\":{\"database\":\"ok\"}}");
        }
    }

    @Test
    void notReadyWithAWrongPasswordAndThePasswordIsNeverShown() {
        String wrong = "wrong-Pa55word-xyz";
        try (GhillieServer server = ServerFixture.start(Map.of("DATABASE_URL", postgres.url(wrong)))) {
            HttpProbe.Response response = new HttpProbe(server.port()).get("/ready");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body())
                    .isEqualTo("{\"status\":\"not-ready\",\"checks\":{\"database\":\"authentication failed\"}}");
            assertThat(response.body()).doesNotContain(wrong).doesNotContain(PostgresServer.PASSWORD);
        }
    }

    @Test
    void notReadyNamesThePassingCheckBesideTheFailingOne() {
        String valkeyNobodyServes = "redis://127.0.0.1:" + FreePort.pick();
        try (GhillieServer server = ServerFixture.start(
                Map.of("DATABASE_URL", postgres.url(PostgresServer.PASSWORD), "VALKEY_URL", valkeyNobodyServes))) {
            HttpProbe.Response response = new HttpProbe(server.port()).get("/ready");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body())
                    .isEqualTo(
                            "{\"status\":\"not-ready\",\"checks\":{\"database\":\"ok\",\"valkey\":\"connection refused\"}}");
        }
    }

    @Test
    void notReadyWhenNothingListens() {
        String url = "postgresql://ghillie:pw@127.0.0.1:" + FreePort.pick() + "/ghillie";
        try (GhillieServer server = ServerFixture.start(Map.of("DATABASE_URL", url))) {
            HttpProbe.Response response = new HttpProbe(server.port()).get("/ready");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body())
                    .isEqualTo("{\"status\":\"not-ready\",\"checks\":{\"database\":\"connection refused\"}}");
        }
    }

    @Test
    void turnsReadyAgainAfterTheDatabaseComesBack() throws Exception {
        try (GhillieServer server =
                ServerFixture.start(Map.of("DATABASE_URL", postgres.url(PostgresServer.PASSWORD)))) {
            HttpProbe http = new HttpProbe(server.port());
            assertThat(http.get("/ready").status()).isEqualTo(200);

            postgres.stop();
            try {
                assertThat(awaitStatus(http, 503).body()).contains("\"database\":\"connection refused\"");
            } finally {
                postgres.startAgain();
            }
            assertThat(awaitStatus(http, 200).body())
                    .isEqualTo("{\"status\":\"ready\",\"checks\":{\"database\":\"ok\"}}");
        }
    }

    /** Polls past the 1 s result cache; bounded by attempts, not asserted on time. */
    private static HttpProbe.Response awaitStatus(HttpProbe http, int status) throws InterruptedException {
        HttpProbe.Response last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            last = http.get("/ready");
            if (last.status() == status) {
                return last;
            }
            Thread.sleep(100);
        }
        return last;
    }
}
