package dev.ghillie.runtime.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs in {@code mvn verify -Ppreview} against the preview that {@code preview:up} brought up: the
 * URL (ingress or port-forward) comes in as {@code ghillie.preview.url}, the digest of the image just
 * built as {@code ghillie.preview.image.digest}.
 */
class PreviewIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String url;

    @BeforeAll
    static void previewUrl() {
        url = System.getProperty("ghillie.preview.url", "");
        assertThat(url).as("ghillie.preview.url from preview:up").startsWith("http://127.0.0.1:");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswers() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void readyWithEveryConfiguredDependency() throws Exception {
        HttpResponse<String> response = get("/ready");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ready\"}");
    }

    @Test
    void versionReportsTheImageJustBuilt() throws Exception {
        String digest = System.getProperty("ghillie.preview.image.digest", "");
        assertThat(digest).as("ghillie.preview.image.digest from preview:up").startsWith("sha256:");

        HttpResponse<String> response = get("/version");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"ghillie-runtime\"").contains("\"imageDigest\":\"" + digest + "\"");
    }
}
