package dev.lamina.gateway.url;

import dev.lamina.gateway.web.WebRequest.Header;
import dev.lamina.gateway.web.WebResponder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The answers a function URL gives on its own, as Lambda gives them: every one carries
 * {@code x-amzn-RequestId}, and the refusals name their error in {@code x-amzn-ErrorType}.
 */
final class UrlAnswers {
    /** Lambda's body for a request its authorization refuses. */
    static final String FORBIDDEN = "{\"Message\":\"Forbidden. For troubleshooting Function URL authorization issues,"
            + " see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html\"}";

    private UrlAnswers() {
    }

    /** No function URL has this id (or it was deleted): 403 {@code {"Message":null}}. */
    static void unknown(WebResponder r, String requestId) throws IOException {
        json(r, requestId, 403, "AccessDeniedException", "{\"Message\":null}");
    }

    /** The resource policy (AuthType NONE) or the signer's policies (AWS_IAM) do not allow the request. */
    static void forbidden(WebResponder r, String requestId) throws IOException {
        json(r, requestId, 403, "AccessDeniedException", FORBIDDEN);
    }

    /** A signature that does not verify (wrong secret, scope or time), with the reason. */
    static void badSignature(WebResponder r, String requestId, String reason) throws IOException {
        json(r, requestId, 403, "InvalidSignatureException", "{\"Message\":" + quote(reason) + "}");
    }

    /** The function failed, timed out, or answered something that is no HTTP response: 502. */
    static void functionError(WebResponder r, String requestId) throws IOException {
        r.send(502, List.of(new Header("Content-Type", "application/json"), new Header("x-amzn-RequestId", requestId)),
                "Internal Server Error".getBytes(StandardCharsets.UTF_8));
    }

    /** The function's concurrency (or the account's) is exhausted. */
    static void throttled(WebResponder r, String requestId) throws IOException {
        json(r, requestId, 429, "TooManyRequestsException", "{\"Message\":\"Rate Exceeded.\"}");
    }

    /** The event would exceed Lambda's 6 MB synchronous payload limit. */
    static void tooLarge(WebResponder r, String requestId, int limit) throws IOException {
        json(r, requestId, 413, "RequestTooLargeException",
                "{\"Message\":\"Request must be smaller than " + limit + " bytes for the InvokeFunction operation\"}");
    }

    private static void json(WebResponder r, String requestId, int status, String errorType, String body)
            throws IOException {
        r.send(status, List.of(new Header("Content-Type", "application/json"), new Header("x-amzn-RequestId", requestId),
                new Header("x-amzn-ErrorType", errorType)), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
