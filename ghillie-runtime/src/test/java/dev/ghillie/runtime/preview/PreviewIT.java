package dev.ghillie.runtime.preview;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs in {@code mvn verify -Ppreview} against the preview that {@code preview:up} brought up: the
 * URL (ingress or port-forward) comes in as {@code ghillie.preview.url}, the digest of the image just
 * built as {@code ghillie.preview.image.digest}, and the file {@code preview.json} that names the data services
 * up installed as {@code ghillie.preview.record}.
 */
class PreviewIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String url;

    @BeforeAll
    static void previewUrl() {
        url = System.getProperty("ghillie.preview.url", "");
        assertThat(url).as("ghillie.preview.url from preview:up").startsWith("http://127.0.0.1:");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url + path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswers() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    /**
     * Each data service up installed is one check of /ready, named and passing: 200 alone would also come from a
     * service that was given no DATABASE_URL or VALKEY_URL at all.
     */
    @Test
    void readyNamesTheCheckOfEachDataServiceAndEachPasses() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String service : installedDataServices()) {
            expected.put(checkOf(service), "ok");
        }

        HttpResponse<String> response = get("/ready");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject body = json(response.body());
        assertThat(body.getString("status")).isEqualTo("ready");
        Map<String, String> checks = new LinkedHashMap<>();
        body.getJsonObject("checks").forEach((name, value) -> checks.put(name, ((JsonString) value).getString()));
        assertThat(checks).as(response.body()).containsExactlyInAnyOrderEntriesOf(expected);
    }

    /** The data services as preview.json names them ({@code postgresql}, {@code valkey}). */
    private static List<String> installedDataServices() throws IOException {
        Path record = Path.of(System.getProperty("ghillie.preview.record", ""));
        assertThat(record)
                .as("ghillie.preview.record: preview.json written by preview:up")
                .isRegularFile();
        return json(Files.readString(record)).getJsonArray("platformServices").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    /** The runtime's check name for each data service (docs/runtime.md). */
    private static String checkOf(String dataService) {
        return switch (dataService) {
            case "postgresql" -> "database";
            case "valkey" -> "valkey";
            default ->
                throw new AssertionError("preview.json names a data service this test does not know: " + dataService);
        };
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void versionReportsTheImageJustBuilt() throws Exception {
        String digest = System.getProperty("ghillie.preview.image.digest", "");
        assertThat(digest).as("ghillie.preview.image.digest from preview:up").startsWith("sha256:");

        HttpResponse<String> response = get("/version");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"name\":\"ghillie-runtime\"")
                .contains("\"imageDigest\":\"" + digest + "\"");
    }
}
