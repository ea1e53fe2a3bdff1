package dev.lamina.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An operation's answer: status, headers and a body written by {@link BodyWriter}. JSON answers
 * are built with {@link #json}; empty ones with {@link #empty}.
 */
public record ApiResponse(int status, Map<String, String> headers, BodyWriter body) {

    /** Writes a response body to the client. */
    @FunctionalInterface
    public interface BodyWriter {
        BodyWriter NONE = out -> { };

        void writeTo(OutputStream out) throws IOException;
    }

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, byte[] json) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json", "Content-Length",
                Integer.toString(json.length)), out -> out.write(json));
    }

    public static ApiResponse empty(int status) {
        return new ApiResponse(status, Map.of(), BodyWriter.NONE);
    }

    public ApiResponse withHeader(String name, String value) {
        var copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, copy, body);
    }
}
