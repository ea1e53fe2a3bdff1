package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An operation's output (member names) as rest-json sends it: the status the model gives the
 * operation ({@code http.responseCode}, 200 by default); members located in headers as headers; a
 * {@code payload} member as the body itself (a blob's bytes, a string's text, a structure's JSON);
 * every other member in a JSON object under its {@code locationName}/{@code jsonName}, nested
 * shapes alike, nulls and members the model does not know left out. Timestamps (ISO-8601 text or
 * epoch seconds from the operation) go out in the member's format, epoch seconds by default. An
 * operation without output, or answering 204, has an empty body.
 */
final class RestJsonEncoder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RestJsonEncoder() {
    }

    static ApiResponse encode(ServiceModel model, String operation, JsonNode output) {
        int status = model.http(operation).responseCode();
        var outputShape = model.outputShape(operation);
        if (outputShape.isEmpty() || status == 204) {
            return ApiResponse.empty(status);
        }
        JsonNode shape = model.shape(outputShape.get());
        JsonNode value = output == null || output.isNull() || output.isMissingNode() ? Json.object() : output;
        Map<String, String> headers = new LinkedHashMap<>();
        String payload = shape.path("payload").asText(null);
        ObjectNode body = NODES.objectNode();
        byte[] raw = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode member = e.getValue();
            JsonNode v = value.get(e.getKey());
            if (v == null || v.isNull()) {
                continue;
            }
            String wire = RestShapes.wireName(member, e.getKey());
            switch (member.path("location").asText("")) {
                case "header" -> headers.put(wire, headerText(model, member, v));
                case "headers", "statusCode", "uri", "querystring" -> {
                    // not part of these models' outputs
                }
                default -> {
                    if (e.getKey().equals(payload)) {
                        raw = payloadBytes(model, member, v);
                    } else {
                        body.set(wire, toJson(model, member, v));
                    }
                }
            }
        }
        byte[] bytes = raw != null ? raw : payload != null ? new byte[0] : Json.bytes(body);
        headers.putIfAbsent("Content-Type", "application/json");
        headers.put("Content-Length", Integer.toString(bytes.length));
        return new ApiResponse(status, headers, out -> out.write(bytes));
    }

    private static String headerText(ServiceModel model, JsonNode member, JsonNode v) {
        if (RestShapes.type(model, member).equals("timestamp")) {
            return RestShapes.instant(v).map(i -> RestShapes.format(i, RestShapes.timestampFormat(model, member,
                    "rfc822")).asText()).orElse(v.asText());
        }
        return v.asText();
    }

    private static byte[] payloadBytes(ServiceModel model, JsonNode member, JsonNode v) {
        if (v.isBinary()) {
            try {
                return v.binaryValue();
            } catch (IOException e) {
                throw new IllegalStateException("a binary node has bytes", e);
            }
        }
        if (v.isTextual()) {
            return v.asText().getBytes(StandardCharsets.UTF_8);
        }
        return Json.bytes(toJson(model, member, v));
    }

    /** A value of {@code member}'s shape with wire keys; unknown members dropped. */
    static JsonNode toJson(ServiceModel model, JsonNode member, JsonNode value) {
        JsonNode shape = model.shape(member.path("shape").asText());
        return switch (shape.path("type").asText("string")) {
            case "structure" -> {
                ObjectNode out = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode v = value.get(e.getKey());
                    if (v != null && !v.isNull()) {
                        out.set(RestShapes.wireName(e.getValue(), e.getKey()), toJson(model, e.getValue(), v));
                    }
                }
                yield out;
            }
            case "list" -> {
                ArrayNode out = NODES.arrayNode();
                for (JsonNode element : value) {
                    if (!element.isNull()) {
                        out.add(toJson(model, shape.path("member"), element));
                    }
                }
                yield out;
            }
            case "map" -> {
                ObjectNode out = NODES.objectNode();
                value.fields().forEachRemaining(e -> {
                    if (!e.getValue().isNull()) {
                        out.set(e.getKey(), toJson(model, shape.path("value"), e.getValue()));
                    }
                });
                yield out;
            }
            case "timestamp" -> RestShapes.instant(value)
                    .map(i -> RestShapes.format(i, RestShapes.timestampFormat(model, member, "unixTimestamp")))
                    .orElse(value);
            case "blob" -> {
                if (value.isBinary()) {
                    try {
                        yield NODES.textNode(Base64.getEncoder().encodeToString(value.binaryValue()));
                    } catch (IOException e) {
                        throw new IllegalStateException("a binary node has bytes", e);
                    }
                }
                yield value;
            }
            default -> value;
        };
    }
}
