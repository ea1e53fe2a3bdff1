package dev.lamina.server.http;

import dev.lamina.gateway.web.WebFront;
import dev.lamina.gateway.web.WebRequest;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Jetty side of the front doors: reads a front-door request into a {@link WebRequest} (headers
 * in order and as spelt, path and query as sent, the body up to {@link WebRequest#MAX_BODY_BYTES})
 * and lets the front answer through a {@link JettyResponder}. A larger body is API Gateway's 413
 * {@code {"message":"Request Entity Too Large"}}; a front that fails with a RuntimeException is
 * logged and answered 500 {@code {"message":"Internal Server Error"}} (unless it had already begun
 * its answer: then the connection is cut, which is all HTTP allows).
 *
 * @param functionUrls the front of {@code <url-id>.lambda-url.<region>.localhost}
 * @param executeApi   the front of {@code <api-id>.execute-api.localhost} (HTTP and REST APIs)
 */
public record FrontDoors(WebFront functionUrls, WebFront executeApi, Clock clock) {
    private static final Logger LOG = LoggerFactory.getLogger(FrontDoors.class);
    static final byte[] TOO_LARGE = "{\"message\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8);
    static final byte[] INTERNAL = "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8);
    private static final List<WebRequest.Header> JSON = List.of(new WebRequest.Header("Content-Type", "application/json"));

    public FrontDoors {
        Objects.requireNonNull(functionUrls);
        Objects.requireNonNull(executeApi);
        Objects.requireNonNull(clock);
    }

    /**
     * Serves one front-door request to its end; never throws.
     *
     * @return whether the response completed normally (false: the client went away or the answer was cut)
     */
    boolean serve(Routing.FrontDoor door, String requestId, Request request, Response response) {
        JettyResponder responder = new JettyResponder(response);
        java.time.Instant receivedAt = clock.instant();
        try {
            Optional<byte[]> body = body(request);
            if (body.isEmpty()) {
                ApiHandler.discard(request);
                responder.send(413, JSON, TOO_LARGE);
                return true;
            }
            WebRequest web = webRequest(door, requestId, request, body.get(), receivedAt);
            WebFront front = door.front() == Routing.Front.FUNCTION_URL ? functionUrls : executeApi;
            front.serve(web, responder);
            if (!responder.answered()) {
                LOG.error("front door {} did not answer request {}", door.front(), requestId);
                responder.send(500, JSON, INTERNAL);
            }
            return true;
        } catch (IOException e) {
            LOG.debug("front-door request {}: the client went away", requestId, e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            LOG.error("front-door request {} {} {} failed", requestId, request.getMethod(), door.front(), e);
            if (responder.answered()) {
                return false;
            }
            try {
                responder.send(500, JSON, INTERNAL);
                return true;
            } catch (IOException | RuntimeException gone) {
                return false;
            }
        }
    }

    /** The whole body, or empty when it is larger than the limit (declared or read). */
    private static Optional<byte[]> body(Request request) throws IOException {
        if (request.getLength() > WebRequest.MAX_BODY_BYTES) {
            return Optional.empty();
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(WebRequest.MAX_BODY_BYTES + 1);
            return bytes.length > WebRequest.MAX_BODY_BYTES ? Optional.empty() : Optional.of(bytes);
        }
    }

    static WebRequest webRequest(Routing.FrontDoor door, String requestId, Request request, byte[] body,
                                 java.time.Instant receivedAt) {
        List<WebRequest.Header> headers = new ArrayList<>();
        for (HttpField f : request.getHeaders()) {
            headers.add(new WebRequest.Header(f.getName(), Objects.requireNonNullElse(f.getValue(), "")));
        }
        String query = Objects.requireNonNullElse(request.getHttpURI().getQuery(), "");
        return new WebRequest(requestId, door.frontId(), request.getMethod(), door.rawPath(), query, headers, body,
                sourceIp(request.getConnectionMetaData().getRemoteSocketAddress()),
                request.getConnectionMetaData().getProtocol(), receivedAt);
    }

    private static String sourceIp(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "127.0.0.1";
    }
}
