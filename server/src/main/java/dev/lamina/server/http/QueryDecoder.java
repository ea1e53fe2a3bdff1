package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Turns a query-protocol request's parameters into the operation's input as the JSON protocol
 * would carry it, following the input shape: {@code MessageAttribute.1.Name} /
 * {@code MessageAttribute.1.Value.StringValue} become {@code {"MessageAttributes": {name: {...}}}},
 * {@code AttributeName.1} a list, numbers and booleans JSON numbers and booleans, blobs stay base64.
 * So the service sees one input form whatever the protocol. Parameters the shape does not name are
 * ignored (as AWS does: Action, Version, the signature's); a value of the wrong type is refused
 * with InvalidParameterValue. The work is bounded by the number of parameters: each list or map
 * stops at its first missing index.
 */
final class QueryDecoder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final QueryNames names;
    private final NavigableMap<String, String> params;

    private QueryDecoder(QueryNames names, NavigableMap<String, String> params) {
        this.names = names;
        this.params = params;
    }

    /** The input document of {@code operation}, {@code {}} when it takes none. */
    static ObjectNode decode(ServiceModel model, String operation, NavigableMap<String, String> params) {
        QueryDecoder decoder = new QueryDecoder(new QueryNames(model), params);
        ObjectNode input = model.inputShape(operation)
                .map(shape -> decoder.structure(model.shape(shape), ""))
                .orElse(null);
        return input == null ? NODES.objectNode() : input;
    }

    /** A structure's members found under {@code prefix} (empty, or ending with a dot); null when none is. */
    private ObjectNode structure(JsonNode shape, String prefix) {
        ObjectNode out = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            JsonNode ref = member.getValue();
            String wire = names.memberName(ref, name);
            JsonNode value = value(ref, prefix + wire);
            if (value == null && !wire.equals(name)) {
                value = value(ref, prefix + name); // as a client that knows only the JSON model names it
            }
            if (value != null) {
                if (out == null) {
                    out = NODES.objectNode();
                }
                out.set(name, value);
            }
        }
        return out;
    }

    private JsonNode value(JsonNode ref, String key) {
        return switch (names.type(ref)) {
            case "structure" -> present(key + ".") ? structure(names.target(ref), key + ".") : null;
            case "list" -> list(ref, key);
            case "map" -> map(ref, key);
            default -> scalar(ref, key);
        };
    }

    private ArrayNode list(JsonNode ref, String key) {
        String base;
        if (names.flattened(ref)) {
            String member = names.listMemberName(ref).orElse(null);
            int dot = key.lastIndexOf('.');
            base = member == null ? key : key.substring(0, dot + 1) + member;
        } else {
            base = key + "." + names.listMemberName(ref).orElse("member");
        }
        ArrayNode out = null;
        for (int i = 1; ; i++) {
            JsonNode element = value(names.listMember(ref), base + "." + i);
            if (element == null) {
                break;
            }
            if (out == null) {
                out = NODES.arrayNode();
            }
            out.add(element);
        }
        if (out == null && "".equals(params.get(key))) {
            return NODES.arrayNode(); // how SDKs send an empty list: the name with no value
        }
        return out;
    }

    private ObjectNode map(JsonNode ref, String key) {
        String base = names.flattened(ref) ? key : key + ".entry";
        String keyName = names.mapPartName(ref, "key");
        String valueName = names.mapPartName(ref, "value");
        ObjectNode out = null;
        for (int i = 1; ; i++) {
            String entry = base + "." + i + ".";
            String k = params.get(entry + keyName);
            if (k == null) {
                break;
            }
            JsonNode v = value(names.mapPart(ref, "value"), entry + valueName);
            if (out == null) {
                out = NODES.objectNode();
            }
            out.set(k, v == null ? NullNode.getInstance() : v);
        }
        return out;
    }

    private JsonNode scalar(JsonNode ref, String key) {
        String text = params.get(key);
        if (text == null) {
            return null;
        }
        String type = names.type(ref);
        try {
            return switch (type) {
                case "integer", "long" -> number(Long.parseLong(text.strip()));
                case "float", "double" -> NODES.numberNode(Double.parseDouble(text.strip()));
                case "boolean" -> switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                    case "true" -> NODES.booleanNode(true);
                    case "false" -> NODES.booleanNode(false);
                    default -> throw invalid(key, text, "must be true or false");
                };
                case "timestamp" -> NODES.numberNode(epochSeconds(text.strip()));
                default -> NODES.textNode(text); // string, blob (base64, as in JSON)
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw invalid(key, text, "must be " + (type.equals("timestamp") ? "a timestamp" : "a number"));
        }
    }

    /** As Jackson reads the same number from JSON: an int when it fits. */
    private static JsonNode number(long n) {
        return n == (int) n ? NODES.numberNode((int) n) : NODES.numberNode(n);
    }

    private static double epochSeconds(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            Instant instant = Instant.parse(text);
            return instant.getEpochSecond() + instant.getNano() / 1e9;
        }
    }

    /** Whether any parameter's name starts with {@code prefix}. */
    private boolean present(String prefix) {
        String next = params.ceilingKey(prefix);
        return next != null && next.startsWith(prefix);
    }

    private static ServiceException invalid(String key, String value, String reason) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return ServiceException.client("InvalidParameterValue",
                "Value (" + shown + ") for parameter " + key + " is invalid. Reason: " + reason + ".");
    }
}
