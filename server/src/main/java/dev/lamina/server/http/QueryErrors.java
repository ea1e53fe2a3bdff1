package dev.lamina.server.http;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The query protocol's error document, {@code <ErrorResponse><Error><Type>Sender</Type><Code>…</Code>
 * <Message>…</Message><Detail/></Error><RequestId>…</RequestId></ErrorResponse>}, and the codes the
 * edge's own errors (authentication, authorization, body limits) go by in the query protocol, which
 * names them without the JSON protocols' {@code Exception} suffix, as AWS's query services (SQS,
 * IAM, STS) do.
 */
final class QueryErrors {
    static final String CONTENT_TYPE = "text/xml";

    private static final Map<ErrorCode, String> EDGE_CODES = Map.of(
            ErrorCode.MISSING_AUTHENTICATION_TOKEN, "MissingAuthenticationToken",
            ErrorCode.UNRECOGNIZED_CLIENT, "InvalidClientTokenId",
            ErrorCode.INVALID_SIGNATURE, "SignatureDoesNotMatch",
            ErrorCode.INCOMPLETE_SIGNATURE, "IncompleteSignature",
            ErrorCode.EXPIRED_TOKEN, "ExpiredToken",
            ErrorCode.ACCESS_DENIED, "AccessDenied",
            ErrorCode.REQUEST_ENTITY_TOO_LARGE, "RequestEntityTooLarge",
            ErrorCode.REQUEST_TOO_LARGE, "RequestEntityTooLarge");

    private QueryErrors() {
    }

    /** The query code of an error the edge raised. */
    static String queryCode(LambdaException e) {
        String code = EDGE_CODES.get(e.code());
        if (code != null) {
            return code;
        }
        String name = e.code().code();
        return name.endsWith("Exception") ? name.substring(0, name.length() - "Exception".length()) : name;
    }

    static ApiResponse render(LambdaException e, Optional<String> xmlNamespace, String requestId) {
        return render(e.code().httpStatus(), e.code().fault() == ErrorCode.Fault.CALLER, queryCode(e), e.getMessage(),
                xmlNamespace, requestId);
    }

    static ApiResponse render(int status, boolean senderFault, String code, String message, Optional<String> xmlNamespace,
                              String requestId) {
        StringBuilder xml = new StringBuilder(256).append("<?xml version=\"1.0\"?><ErrorResponse");
        xmlNamespace.ifPresent(ns -> xml.append(" xmlns=\"").append(XmlEncoder.escape(ns)).append('"'));
        xml.append("><Error><Type>").append(senderFault ? "Sender" : "Receiver").append("</Type><Code>")
                .append(XmlEncoder.escape(code)).append("</Code><Message>")
                .append(XmlEncoder.escape(message == null ? "" : message)).append("</Message><Detail/></Error><RequestId>")
                .append(XmlEncoder.escape(requestId)).append("</RequestId></ErrorResponse>");
        return xml(status, xml.toString());
    }

    static ApiResponse xml(int status, String document) {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        return new ApiResponse(status, Map.of("Content-Type", CONTENT_TYPE, "Content-Length",
                Integer.toString(bytes.length)), out -> out.write(bytes));
    }
}
