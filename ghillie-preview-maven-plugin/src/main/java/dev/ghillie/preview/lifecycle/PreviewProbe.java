package dev.ghillie.preview.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghillie.preview.DurationText;
import dev.ghillie.preview.PreviewException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the running preview through its URL, as a user or a test would: its health path until it
 * answers 200, then {@code /version} to prove which image serves. Proves the whole path (ingress or
 * port-forward, Service, pod), not only that Kubernetes thinks the pod is ready.
 */
public final class PreviewProbe {

    /** What one GET returned; {@code status} 0 when the connection failed. */
    public record Answer(int status, String body) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The result ghillie-runtime's /ready gives a passing check. */
    private static final String PASSED = "ok";

    private final HttpClient http;
    private final Duration requestTimeout;

    /** For {@code up}: a preview that has just rolled out may be slow to answer its first requests. */
    public PreviewProbe() {
        this(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /** {@code requestTimeout}: how long one GET may take, connection included. */
    public PreviewProbe(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.requestTimeout = requestTimeout;
    }

    public Answer get(String baseUrl, String path) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .timeout(requestTimeout)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreviewException("interrupted while waiting for " + baseUrl + path);
        }
    }

    /**
     * The checks a not-ready answer names as failing, in its order: ghillie-runtime's {@code /ready} names every check,
     * {@code {"status":"not-ready","checks":{"database":"connection refused","valkey":"ok"}}}, a passing one as
     * {@code ok}. Empty for any other body.
     */
    public static Map<String, String> failingChecks(String body) {
        Map<String, String> checks = new LinkedHashMap<>();
        namedChecks(body).forEach((name, result) -> {
            if (!PASSED.equals(result)) {
                checks.put(name, result);
            }
        });
        return checks;
    }

    /** Every check a {@code /ready} answer names with its result ({@code ok} when it passes); empty for a body without them. */
    public static Map<String, String> namedChecks(String body) {
        Map<String, String> checks = new LinkedHashMap<>();
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.path("checks").isObject()) {
                json.path("checks")
                        .properties()
                        .forEach(check ->
                                checks.put(check.getKey(), check.getValue().asText()));
            }
        } catch (IOException e) {
            // not JSON: a service other than ghillie-runtime names no checks
        }
        return checks;
    }

    /** What {@code /version} said: the digest it reports (empty when none), or why it is no version report. */
    public sealed interface VersionReport {
        /** A JSON answer; its {@code imageDigest}, empty when it has none. */
        record Json(Optional<String> imageDigest) implements VersionReport {}

        /** No JSON: not 200, or a body that is not a JSON object. */
        record NotJson(String answer) implements VersionReport {}
    }

    /** Polls the health path until 200 or the deadline; the failure says what the URL last answered. */
    public void awaitHealthy(String baseUrl, String healthPath, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Answer last;
        do {
            last = get(baseUrl, healthPath);
            if (last.status() == 200) {
                return;
            }
            pause();
        } while (Instant.now().isBefore(deadline));
        throw new PreviewException(
                baseUrl + healthPath + " did not answer 200 within " + DurationText.of(timeout) + " (last: "
                        + (last.status() == 0 ? last.body() : "HTTP " + last.status())
                        + "). The pods are ready, so the way in is not:"
                        + " check the ingress (k3d's Traefik) or use -Dghillie.preview.access=port-forward, and that the service answers"
                        + " ghillie.preview.healthPath (" + healthPath + ")");
    }

    /**
     * What {@code /version} answers: a service without one (404, HTML, plain text) is {@link VersionReport.NotJson}; a
     * server error or no answer is a {@link PreviewException}.
     */
    public VersionReport version(String baseUrl) {
        Answer answer = get(baseUrl, "/version");
        if (answer.status() == 0 || answer.status() >= 500) {
            // Not a service without /version (that answers 404): one whose /version fails, or a way in that broke. As
            // before
            // the check could be skipped, a failure: skipping would let an old pod's broken /version pass for the new
            // one.
            throw new PreviewException(
                    baseUrl + "/version answered " + (answer.status() == 0 ? answer.body() : "HTTP " + answer.status())
                            + ": which image answers cannot be checked; fix the service's /version, or set ghillie.preview.versionCheck=off");
        }
        if (answer.status() != 200) {
            return new VersionReport.NotJson(answer.status() == 0 ? answer.body() : "HTTP " + answer.status());
        }
        try {
            JsonNode json = JSON.readTree(answer.body());
            if (json == null || !json.isObject()) {
                return new VersionReport.NotJson("HTTP 200, not a JSON object");
            }
            JsonNode digest = json.path("imageDigest");
            return new VersionReport.Json(digest.isTextual() ? Optional.of(digest.asText()) : Optional.empty());
        } catch (IOException e) {
            return new VersionReport.NotJson("HTTP 200, not JSON");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreviewException("interrupted while waiting for the preview URL");
        }
    }
}
