package dev.ghillie.runtime;

import dev.ghillie.runtime.readiness.CheckResult;
import dev.ghillie.runtime.readiness.Readiness;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The three endpoints, as plain handler methods on an explicit routing. */
final class RuntimeRoutes {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    /** Bodies that never change are serialised once: /health is the hottest path a cluster calls. */
    private static final byte[] HEALTHY =
            bytes(JSON.createObjectBuilder().add("status", "ok").build());

    private final Readiness readiness;
    private final byte[] version;

    RuntimeRoutes(Readiness readiness, BuildInfo buildInfo) {
        this.readiness = readiness;
        this.version = bytes(versionBody(buildInfo));
    }

    void register(HttpRouting.Builder routing) {
        routing.get("/health", this::health).get("/ready", this::ready).get("/version", this::version);
    }

    private void health(ServerRequest request, ServerResponse response) {
        sendJson(response, HEALTHY);
    }

    /**
     * Names every check with its result, passing or not, so a caller can tell "ready with the
     * database and Valkey checked" from "ready with nothing configured" without reading the
     * environment.
     */
    private void ready(ServerRequest request, ServerResponse response) {
        Readiness.Report report = readiness.report();
        JsonObjectBuilder checks = JSON.createObjectBuilder();
        if (report.draining()) {
            checks.add("shutdown", "the service is stopping");
        }
        for (Map.Entry<String, CheckResult> check : report.checks().entrySet()) {
            checks.add(check.getKey(), check.getValue().reason()); // "ok" when it passes
        }
        if (!report.ready()) {
            response.status(Status.SERVICE_UNAVAILABLE_503);
        }
        sendJson(
                response,
                bytes(JSON.createObjectBuilder()
                        .add("status", report.ready() ? "ready" : "not-ready")
                        .add("checks", checks)
                        .build()));
    }

    private void version(ServerRequest request, ServerResponse response) {
        sendJson(response, version);
    }

    private static void sendJson(ServerResponse response, byte[] body) {
        response.header(HeaderValues.CONTENT_TYPE_JSON).send(body);
    }

    private static byte[] bytes(JsonObject json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject versionBody(BuildInfo info) {
        JsonObjectBuilder body =
                JSON.createObjectBuilder().add("name", "ghillie-runtime").add("version", info.version());
        info.commit().ifPresentOrElse(commit -> body.add("commit", commit), () -> body.addNull("commit"));
        info.imageDigest()
                .ifPresentOrElse(digest -> body.add("imageDigest", digest), () -> body.addNull("imageDigest"));
        return body.build();
    }
}
