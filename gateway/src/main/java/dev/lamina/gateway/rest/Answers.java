package dev.lamina.gateway.rest;

import dev.lamina.gateway.web.WebRequest.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * API Gateway's own answers on the data plane (its default gateway responses): a JSON body, and the
 * error's type in {@code x-amzn-ErrorType}.
 */
record Answers(int status, String errorType, String body) {
    static final Answers MISSING_TOKEN = new Answers(403, "MissingAuthenticationTokenException",
            "{\"message\":\"Missing Authentication Token\"}");
    static final Answers FORBIDDEN = new Answers(403, "ForbiddenException", "{\"message\":\"Forbidden\"}");
    static final Answers UNAUTHORIZED = new Answers(401, "UnauthorizedException", "{\"message\":\"Unauthorized\"}");
    static final Answers EXPLICIT_DENY = new Answers(403, "AccessDeniedException",
            "{\"Message\":\"User is not authorized to access this resource with an explicit deny\"}");
    static final Answers IMPLICIT_DENY = new Answers(403, "AccessDeniedException",
            "{\"Message\":\"User is not authorized to access this resource\"}");
    static final Answers AUTHORIZER_CONFIGURATION = new Answers(500, "AuthorizerConfigurationException",
            "{\"message\": null}");
    static final Answers AUTHORIZER_FAILURE = new Answers(500, "AuthorizerFailureException", "{\"message\": null}");
    /** The integration is not callable (no permission, no function, a type Lamina does not run). */
    static final Answers CONFIGURATION = new Answers(500, "InternalServerErrorException",
            "{\"message\": \"Internal server error\"}");
    /** The function failed, or answered something that is not a proxy response. */
    static final Answers BAD_GATEWAY = new Answers(502, "InternalServerErrorException",
            "{\"message\": \"Internal server error\"}");
    static final Answers THROTTLED = new Answers(429, "TooManyRequestsException", "{\"message\":\"Too Many Requests\"}");
    /** The event would be over Lambda's 6 MB synchronous payload limit. */
    static final Answers TOO_LARGE = new Answers(413, "RequestTooLargeException",
            "{\"message\":\"Request Entity Too Large\"}");
    static final Answers TIMEOUT = new Answers(504, "", "{\"message\": \"Endpoint request timed out\"}");

    static Answers denied(String message) {
        return new Answers(403, "AccessDeniedException", "{\"Message\":" + quote(message) + "}");
    }

    static Answers invalidSignature(String message) {
        return new Answers(403, "InvalidSignatureException", "{\"message\":" + quote(message) + "}");
    }

    List<Header> headers(String requestId, String apigwId) {
        List<Header> h = new ArrayList<>();
        h.add(new Header("Content-Type", "application/json"));
        h.add(new Header("x-amzn-RequestId", requestId));
        if (!errorType.isEmpty()) {
            h.add(new Header("x-amzn-ErrorType", errorType));
        }
        h.add(new Header("x-amz-apigw-id", apigwId));
        return h;
    }

    byte[] bytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return Docs.JSON.getNodeFactory().textNode(s).toString();
    }
}
