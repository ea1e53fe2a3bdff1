package dev.lamina.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;

import java.io.IOException;
import java.io.InputStream;

/**
 * JSON at the edge. Parsing is bounded: request bodies are already size-capped, and the parser
 * refuses deep nesting and huge numbers or names, so hostile JSON costs little and crashes nothing.
 * A request document that repeats a member is malformed (SerializationException), at any depth.
 */
public final class Json {
    /** AWS's request documents nest a few levels; 64 leaves room and stops stack-depth attacks. */
    static final int MAX_NESTING = 64;

    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxNumberLength(100)
                    .maxNameLength(10_000)
                    // Strings are bounded by the body cap; the package itself is streamed, not held as a string.
                    .maxStringLength(8 * 1024 * 1024)
                    .build())
            // A document with a member twice is refused: otherwise a reader that keeps the first
            // (the authorizer) and one that keeps the last (the operation) could see different
            // requests, e.g. authorize FunctionName "mine" and create "prod".
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    public static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
    private static final java.util.regex.Pattern UNRECOGNIZED_TOKEN =
            java.util.regex.Pattern.compile("Unrecognized token '[^']*'");

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Reads a request body that must be one JSON object; an empty body reads as {@code {}}.
     *
     * @throws LambdaException when the body is not a JSON object
     */
    public static ObjectNode readObject(InputStream body) throws IOException {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
        if (node == null || node.isMissingNode()) {
            return object();
        }
        if (!node.isObject()) {
            throw new LambdaException(ErrorCode.SERIALIZATION, "Request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    static LambdaException notJson(JsonProcessingException e) {
        return new LambdaException(ErrorCode.SERIALIZATION, "Could not parse request body into json: " + describe(e));
    }

    /**
     * Jackson's description of a parse error, without the text it quotes from the document: an
     * unquoted word there may be a secret (a variable's value without its quotes), and errors end up
     * in callers' logs.
     */
    public static String describe(JsonProcessingException e) {
        return UNRECOGNIZED_TOKEN.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("Unrecognized token");
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }
}
