package dev.ghillie.runtime;

import io.helidon.http.DirectHandler;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.util.logging.Logger;

/**
 * Answers requests the server could not read with 400, not 500.
 *
 * <p>Helidon 4.5's HTTP/1 connection reports any exception thrown while it reads a request as an
 * internal error: a request line whose method holds control bytes ({@code Method.create} throws
 * {@code IllegalArgumentException}) or a client that closes in the middle of its header block
 * ({@code DataReader.InsufficientDataAvailableException}). It answers 500 and, because the status is
 * 500, logs a WARNING with the whole stack trace: one per bad connection, as many as a client cares
 * to open. Such an event reaches the direct handler with an empty transport request (nothing of the
 * request was parsed), while an exception from one of the runtime's own routes comes with the
 * request's method and path. So the empty ones are the client's fault: they get 400 (Helidon then
 * logs nothing) and one line at FINE here; a failure inside a route keeps the default 500 and its
 * WARNING, because that one is ours to fix.
 */
final class UnreadableRequests implements DirectHandler {

    private static final Logger LOGGER = Logger.getLogger(UnreadableRequests.class.getName());

    private final DirectHandler fallback = DirectHandler.defaultHandler();

    /** The runtime's direct handlers: Helidon's defaults, with internal errors going through this class. */
    static DirectHandlers directHandlers() {
        return DirectHandlers.builder()
                .addHandler(EventType.INTERNAL_ERROR, new UnreadableRequests())
                .build();
    }

    @Override
    public TransportResponse handle(
            TransportRequest request,
            EventType eventType,
            Status defaultStatus,
            ServerResponseHeaders responseHeaders,
            String message) {
        if (!nothingParsed(request)) {
            return fallback.handle(request, eventType, defaultStatus, responseHeaders, message);
        }
        LOGGER.fine("answered 400 to a request that could not be read (malformed or cut short by the client)");
        // The default handler's entity for an internal error would say "see server log": there is nothing there.
        return fallback.handle(request, EventType.BAD_REQUEST, Status.BAD_REQUEST_400, responseHeaders, (String) null);
    }

    private static boolean nothingParsed(TransportRequest request) {
        return request.method().isEmpty()
                && request.path().isEmpty()
                && request.protocolVersion().isEmpty();
    }
}
