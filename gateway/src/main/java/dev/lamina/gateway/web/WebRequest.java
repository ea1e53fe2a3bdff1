package dev.lamina.gateway.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request to a front door (a function URL, an HTTP API, a REST API), as the edge read it:
 * no server types. The edge has already taken the front's address off the request: {@code frontId}
 * is the URL id or the API id, and {@code rawPath} is what follows it.
 *
 * @param requestId  the id AWS would give the request (requestContext.requestId, x-amzn-RequestId)
 * @param frontId    the function URL's id, or the API's id
 * @param rawPath    the path after the front's address, still percent-encoded, starting with {@code /}
 *                   (for an execute-api address the stage, if any, is still its first segment)
 * @param rawQuery   the query string as sent, without {@code ?}; empty when there is none
 * @param headers    every header in the order received, names as the client spelt them
 * @param body       the whole body (the edge refuses anything over {@link #MAX_BODY_BYTES} itself)
 * @param sourceIp   the client's address
 * @param protocol   {@code HTTP/1.1} or {@code HTTP/2.0}
 * @param receivedAt when the edge received the request (timeEpoch, requestTime)
 */
public record WebRequest(String requestId, String frontId, String method, String rawPath, String rawQuery,
                         List<Header> headers, byte[] body, String sourceIp, String protocol, Instant receivedAt) {

    /** The largest body the edge reads for any front: API Gateway's 10 MB payload limit. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    public WebRequest {
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(frontId);
        Objects.requireNonNull(method);
        Objects.requireNonNull(rawPath);
        Objects.requireNonNull(rawQuery);
        headers = List.copyOf(headers);
        Objects.requireNonNull(body);
        Objects.requireNonNull(sourceIp);
        Objects.requireNonNull(protocol);
        Objects.requireNonNull(receivedAt);
    }

    /** One header line. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
        }
    }

    /** Every value of a header, case-insensitively, in order. */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return values;
    }

    /** A header's values joined with commas, as HTTP allows; empty when absent. */
    public Optional<String> header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
    }

    /** The Host header without its port, lower-cased ({@code abc.lambda-url.us-east-1.localhost}). */
    public String hostName() {
        String host = header("Host").orElse("localhost").toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        return colon > host.lastIndexOf(']') && colon >= 0 ? host.substring(0, colon) : host;
    }
}
