package dev.lamina.invoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A function error as the caller receives it: the document (HTTP 200 with X-Amz-Function-Error)
 * and its errorType.
 */
record FunctionError(String errorType, byte[] payload) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A document Lamina writes itself: {@code {"errorType": …, "errorMessage": …}}. */
    static FunctionError of(String errorType, String message) {
        ObjectNode o = JSON.createObjectNode().put("errorType", errorType).put("errorMessage", message);
        return new FunctionError(errorType, o.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What the runtime posted when it is a JSON object, or a document built from the error type
     * when the runtime posted nothing usable.
     */
    static FunctionError posted(String errorType, byte[] posted) {
        try {
            if (posted.length > 0 && JSON.readTree(posted).isObject()) {
                return new FunctionError(errorType, posted);
            }
        } catch (IOException e) {
            // not JSON: fall through
        }
        return of(errorType, "");
    }
}
