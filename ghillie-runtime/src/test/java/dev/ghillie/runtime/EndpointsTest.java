package dev.ghillie.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.runtime.testing.HttpProbe;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void healthAnswersOk() {
        try (GhillieServer server = ServerFixture.start(Map.of())) {
            HttpProbe.Response response = new HttpProbe(server.port()).get("/health");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(response.contentType()).startsWith("application/json");
        }
    }

    @Test
    void readyWithNoDependenciesConfigured() {
        try (GhillieServer server = ServerFixture.start(Map.of())) {
            HttpProbe.Response response = new HttpProbe(server.port()).get("/ready");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"ready\",\"checks\":{}}");
        }
    }

    @Test
    void versionReportsBuildAndTheDigestPassedIn() {
        try (GhillieServer server = ServerFixture.start(Map.of("GHILLIE_IMAGE_DIGEST", "sha256:feedbeef"))) {
            HttpProbe.Response response = new HttpProbe(server.port()).get("/version");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body())
                    .isEqualTo(
                            "{\"name\":\"ghillie-runtime\",\"version\":\"1.2.3-test\",\"commit\":\"0123456789abcdef\",\"imageDigest\":\"sha256:feedbeef\"}");
        }
    }

    @Test
    void versionSaysNullWhenNoDigestWasPassed() {
        try (GhillieServer server = ServerFixture.start(Map.of())) {
            assertThat(new HttpProbe(server.port()).get("/version").body()).contains("\"imageDigest\":null");
        }
    }

    @Test
    void unknownPathsAre404() {
        try (GhillieServer server = ServerFixture.start(Map.of())) {
            assertThat(new HttpProbe(server.port()).get("/nope").status()).isEqualTo(404);
        }
    }

    @Test
    void drainingTurnsReadyUnavailableWhileHealthStaysUp() throws Exception {
        try (GhillieServer server = ServerFixture.start(Map.of("GHILLIE_DRAIN_DELAY_MS", "60000"))) {
            HttpProbe http = new HttpProbe(server.port());
            Thread stopper = Thread.ofVirtual().start(server::drainAndStop);
            try {
                HttpProbe.Response ready = awaitStatus(http, "/ready", 503);

                assertThat(ready.body())
                        .isEqualTo("{\"status\":\"not-ready\",\"checks\":{\"shutdown\":\"the service is stopping\"}}");
                assertThat(http.get("/health").status()).isEqualTo(200);
            } finally {
                stopper.interrupt();
                stopper.join();
            }
        }
    }

    private static HttpProbe.Response awaitStatus(HttpProbe http, String path, int status) throws InterruptedException {
        HttpProbe.Response last = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            last = http.get(path);
            if (last.status() == status) {
                return last;
            }
            Thread.sleep(25);
        }
        return last;
    }
}
