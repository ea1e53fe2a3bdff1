package dev.lamina.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;

/**
 * Renders an AWS error as Lambda does: the code in {@code x-amzn-ErrorType}, and a JSON body with
 * {@code Type} ("User" or "Service") and the message under the member name the model uses.
 */
public final class ErrorRenderer {
    private ErrorRenderer() {
    }

    public static ApiResponse render(LambdaException e) {
        ErrorCode code = e.code();
        ObjectNode body = Json.object();
        body.put("Type", code.fault().wireType());
        body.put(code.messageMember(), e.getMessage());
        e.members().forEach(body::put);
        ApiResponse response = ApiResponse.json(code.httpStatus(), Json.bytes(body))
                .withHeader("x-amzn-ErrorType", code.code());
        for (var h : e.headers().entrySet()) {
            response = response.withHeader(h.getKey(), h.getValue());
        }
        return response;
    }
}
