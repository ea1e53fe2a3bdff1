package dev.lamina.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A rest-json request into its operation's input, keyed by the model's member names: URI labels,
 * query parameters (a list member takes every value of its name; a map member takes every parameter
 * no other member or literal query part binds), headers, the JSON body (keys are each member's
 * {@code locationName}/{@code jsonName}, nested shapes alike) and a {@code payload} member (a blob
 * is handed over as binary, a string as text, a structure as the body's JSON). Timestamps are handed
 * over as ISO-8601 text, blobs as binary nodes. Unknown JSON keys are ignored, as AWS's services do.
 */
final class RestJsonDecoder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RestJsonDecoder() {
    }

    static ObjectNode decode(ServiceModel model, String operation, Map<String, String> labels,
                             Map<String, List<String>> query, Set<String> literalQuery,
                             Function<String, Optional<String>> header, byte[] body) {
        ObjectNode input = Json.object();
        Optional<String> inputShape = model.inputShape(operation);
        if (inputShape.isEmpty()) {
            return input;
        }
        JsonNode shape = model.shape(inputShape.get());
        String payload = shape.path("payload").asText(null);
        JsonNode document = null;
        Set<String> bound = new java.util.HashSet<>(literalQuery);
        shape.path("members").forEach(m -> {
            if (m.path("location").asText("").equals("querystring") && m.path("locationName").isTextual()) {
                bound.add(m.path("locationName").asText());
            }
        });
        for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode member = e.getValue();
            String wire = RestShapes.wireName(member, name);
            String type = RestShapes.type(model, member);
            JsonNode value = switch (member.path("location").asText("")) {
                case "uri" -> Optional.ofNullable(labels.get(wire)).map(v -> fromText(model, member, v, "iso8601"))
                        .orElse(null);
                case "querystring" -> fromQuery(model, member, type, wire, query, bound);
                case "header" -> header.apply(wire).map(v -> fromText(model, member, v, "rfc822")).orElse(null);
                case "headers", "statusCode" -> null;
                default -> {
                    if (name.equals(payload)) {
                        yield payloadValue(model, member, type, body);
                    }
                    if (document == null) {
                        document = document(body);
                    }
                    JsonNode raw = document.get(wire);
                    yield raw == null || raw.isNull() ? null : fromJson(model, member, raw, wire);
                }
            };
            if (value != null) {
                input.set(name, value);
            }
        }
        return input;
    }

    /** The body as a JSON object; an empty body reads as {}. */
    private static JsonNode document(byte[] body) {
        if (body.length == 0) {
            return Json.object();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                return Json.object();
            }
            if (!node.isObject()) {
                throw RestShapes.badRequest("Invalid request body: a JSON object is expected.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw RestShapes.badRequest("Invalid request body: " + Json.describe(e));
        } catch (java.io.IOException e) {
            throw RestShapes.badRequest("Invalid request body.");
        }
    }

    private static JsonNode payloadValue(ServiceModel model, JsonNode member, String type, byte[] body) {
        return switch (type) {
            case "blob" -> new BinaryNode(body);
            case "string" -> NODES.textNode(new String(body, StandardCharsets.UTF_8));
            default -> body.length == 0 ? null : fromJson(model, member, document(body), "body");
        };
    }

    private static JsonNode fromQuery(ServiceModel model, JsonNode member, String type, String wire,
                                      Map<String, List<String>> query, Set<String> bound) {
        if (type.equals("map")) {
            ObjectNode map = NODES.objectNode();
            JsonNode valueShape = model.shape(model.shape(member.path("shape").asText()).path("value").path("shape").asText());
            boolean listValues = valueShape.path("type").asText().equals("list");
            query.forEach((k, values) -> {
                if (!bound.contains(k)) {
                    if (listValues) {
                        ArrayNode list = map.putArray(k);
                        values.forEach(list::add);
                    } else {
                        map.put(k, values.getLast());
                    }
                }
            });
            return map.isEmpty() ? null : map;
        }
        List<String> values = query.get(wire);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (type.equals("list")) {
            ArrayNode list = NODES.arrayNode();
            JsonNode elementMember = model.shape(member.path("shape").asText()).path("member");
            for (String v : values) {
                list.add(fromText(model, elementMember, v, "iso8601"));
            }
            return list;
        }
        return fromText(model, member, values.getFirst(), "iso8601");
    }

    /** A scalar from text (a label, a query parameter, a header). */
    static JsonNode fromText(ServiceModel model, JsonNode member, String text, String timestampDefault) {
        String type = RestShapes.type(model, member);
        try {
            return switch (type) {
                case "integer", "long" -> NODES.numberNode(Long.parseLong(text.strip()));
                case "double", "float" -> NODES.numberNode(Double.parseDouble(text.strip()));
                case "boolean" -> {
                    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                        throw RestShapes.badRequest("Invalid boolean value: '" + printable(text) + "'.");
                    }
                    yield NODES.booleanNode(Boolean.parseBoolean(text));
                }
                case "timestamp" -> RestShapes.instant(NODES.textNode(text))
                        .map(i -> (JsonNode) NODES.textNode(i.toString()))
                        .orElseThrow(() -> RestShapes.badRequest("Invalid timestamp: '" + printable(text) + "'."));
                case "blob" -> new BinaryNode(text.getBytes(StandardCharsets.UTF_8));
                default -> NODES.textNode(text);
            };
        } catch (NumberFormatException e) {
            throw RestShapes.badRequest("Invalid number: '" + printable(text) + "'.");
        }
    }

    /** A JSON value of {@code member}'s shape, its members renamed from wire keys to member names. */
    static JsonNode fromJson(ServiceModel model, JsonNode member, JsonNode value, String where) {
        JsonNode shape = model.shape(member.path("shape").asText());
        String type = shape.path("type").asText("string");
        return switch (type) {
            case "structure" -> {
                if (!value.isObject()) {
                    throw wrongType(where, "an object");
                }
                ObjectNode out = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String wire = RestShapes.wireName(e.getValue(), e.getKey());
                    JsonNode raw = value.get(wire);
                    if (raw != null && !raw.isNull()) {
                        out.set(e.getKey(), fromJson(model, e.getValue(), raw, where + "." + wire));
                    }
                }
                yield out;
            }
            case "list" -> {
                if (!value.isArray()) {
                    throw wrongType(where, "an array");
                }
                ArrayNode out = NODES.arrayNode();
                for (JsonNode element : value) {
                    if (!element.isNull()) {
                        out.add(fromJson(model, shape.path("member"), element, where + ".member"));
                    }
                }
                yield out;
            }
            case "map" -> {
                if (!value.isObject()) {
                    throw wrongType(where, "an object");
                }
                ObjectNode out = NODES.objectNode();
                value.fields().forEachRemaining(e -> {
                    if (!e.getValue().isNull()) {
                        out.set(e.getKey(), fromJson(model, shape.path("value"), e.getValue(), where + "." + e.getKey()));
                    }
                });
                yield out;
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    throw wrongType(where, "a boolean");
                }
                yield value;
            }
            case "integer", "long" -> {
                if (!value.isIntegralNumber()) {
                    throw wrongType(where, "an integer");
                }
                yield value;
            }
            case "double", "float" -> {
                if (!value.isNumber()) {
                    throw wrongType(where, "a number");
                }
                yield value;
            }
            case "timestamp" -> RestShapes.instant(value).map(i -> (JsonNode) NODES.textNode(i.toString()))
                    .orElseThrow(() -> wrongType(where, "a timestamp"));
            case "blob" -> {
                if (!value.isTextual()) {
                    throw wrongType(where, "base64 text");
                }
                try {
                    yield new BinaryNode(Base64.getDecoder().decode(value.asText()));
                } catch (IllegalArgumentException e) {
                    throw wrongType(where, "base64 text");
                }
            }
            default -> {
                if (!value.isTextual()) {
                    throw wrongType(where, "a string");
                }
                yield value;
            }
        };
    }

    private static RuntimeException wrongType(String where, String expected) {
        return RestShapes.badRequest("Invalid request body: '" + printable(where) + "' must be " + expected + ".");
    }

    static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "…" : s;
        return cut.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
