package dev.lamina.server.http;

import dev.lamina.model.RequestId;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One API request as the operations see it: no Jetty types, path parameters already matched and
 * decoded. The body is a stream that is already bounded by the operation's size limit.
 *
 * @param rawQuery   the query string exactly as sent (still percent-encoded), empty if none: signatures
 *                   cover it byte for byte
 * @param header     case-insensitive header lookup; a header sent several times answers its values
 *                   joined with commas
 * @param callerHost the Host header, for building URLs that lead back to this server
 */
public record ApiRequest(
        RequestId requestId,
        String method,
        String path,
        Map<String, String> pathParams,
        Map<String, List<String>> query,
        String rawQuery,
        Function<String, Optional<String>> header,
        RequestBody body,
        String callerHost) {

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("the route has no parameter " + name);
        }
        return value;
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public List<String> queryParams(String name) {
        return query.getOrDefault(name, List.of());
    }

    public Optional<String> header(String name) {
        return header.apply(name);
    }
}
