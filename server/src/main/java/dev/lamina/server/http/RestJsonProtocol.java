package dev.lamina.server.http;

import java.util.List;

/**
 * AWS's rest-json protocol for API Gateway's control planes (filled in below).
 */
public final class RestJsonProtocol {
    public ApiResponse handle(JsonProtocol.Opener opener, Runnable discard, String endpoint) {
        return ApiResponse.json(404, "{\"message\":null}".getBytes()).withHeader("x-amzn-ErrorType",
                "UnknownOperationException");
    }
}
