package dev.ghillie.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.runtime.testing.FreePort;
import dev.ghillie.runtime.testing.HttpProbe;
import dev.ghillie.runtime.testing.ValkeyServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /ready against a real Redis-protocol server on loopback. */
class ValkeyReadinessTest {

    private static final String PASSWORD = "valkey-Pa55-secret";
    private static ValkeyServer valkey;

    @BeforeAll
    static void startValkey() {
        valkey = ValkeyServer.start(PASSWORD);
    }

    @AfterAll
    static void stopValkey() {
        if (valkey != null) {
            valkey.close();
        }
    }

    private static HttpProbe.Response readyWith(String url) {
        try (GhillieServer server = ServerFixture.start(Map.of("VALKEY_URL", url))) {
            return new HttpProbe(server.port()).get("/ready");
        }
    }

    @Test
    void readyWhenPingIsAnsweredWithAuth() {
        HttpProbe.Response response = readyWith("redis://:" + PASSWORD + "@127.0.0.1:" + valkey.port() + "/1");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ready\",\"checks\":{\"valkey\":\"ok\"}}");
    }

    @Test
    void notReadyWithAWrongPassword() {
        HttpProbe.Response response = readyWith("redis://:not-the-Pa55@127.0.0.1:" + valkey.port());

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"not-ready\",\"checks\":{\"valkey\":\"authentication failed\"}}");
        assertThat(response.body()).doesNotContain("not-the-Pa55");
    }

    @Test
    void notReadyWithoutThePasswordTheServerRequires() {
        HttpProbe.Response response = readyWith("redis://127.0.0.1:" + valkey.port());

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"not-ready\",\"checks\":{\"valkey\":\"authentication failed\"}}");
    }

    @Test
    void notReadyWhenNothingListens() {
        HttpProbe.Response response = readyWith("redis://127.0.0.1:" + FreePort.pick());

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"not-ready\",\"checks\":{\"valkey\":\"connection refused\"}}");
    }

    @Test
    void reportsEachFailingDependencyByName() {
        String db = "postgresql://u:p@127.0.0.1:" + FreePort.pick() + "/db";
        String vk = "redis://127.0.0.1:" + FreePort.pick();
        try (GhillieServer server = ServerFixture.start(Map.of("DATABASE_URL", db, "VALKEY_URL", vk))) {
            HttpProbe.Response response = new HttpProbe(server.port()).get("/ready");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body())
                    .isEqualTo(
                            "{\"status\":\"not-ready\",\"checks\":{\"database\":\"connection refused\",\"valkey\":\"connection refused\"}}");
        }
    }
}
