package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.sqs.MessageAttribute;
import dev.lamina.sqs.SqsErrors;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.lamina.sqs.api.SqsOperations.JSON;

/** Message attributes between the JSON protocol's documents (binary values in base64) and the records. */
final class MessageAttributes {
    private MessageAttributes() {
    }

    static Map<String, MessageAttribute> parse(JsonNode node) {
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return out;
        }
        node.properties().forEach(e -> {
            JsonNode v = e.getValue();
            String type = v.path("DataType").asText("");
            if (type.isEmpty()) {
                throw SqsErrors.invalidParameterValue("The message attribute '" + e.getKey() + "' must contain non-empty message attribute type.");
            }
            Optional<byte[]> binary = Optional.empty();
            if (v.hasNonNull("BinaryValue")) {
                try {
                    binary = Optional.of(Base64.getDecoder().decode(v.get("BinaryValue").asText()));
                } catch (IllegalArgumentException x) {
                    throw SqsErrors.invalidParameterValue("The message attribute '" + e.getKey() + "' has an invalid binary value.");
                }
            }
            Optional<String> string = v.hasNonNull("StringValue") ? Optional.of(v.get("StringValue").asText()) : Optional.empty();
            if (type.startsWith("Binary") ? string.isPresent() : binary.isPresent()) {
                throw SqsErrors.invalidParameterValue("The message attribute '" + e.getKey() + "' with type '"
                        + (type.startsWith("Binary") ? "Binary" : type.startsWith("Number") ? "Number" : "String")
                        + "' must use field '" + (type.startsWith("Binary") ? "Binary" : "String") + "'.");
            }
            out.put(e.getKey(), new MessageAttribute(type, string, binary));
        });
        return out;
    }

    static ObjectNode render(Map<String, MessageAttribute> attributes, List<String> wanted) {
        ObjectNode out = JSON.objectNode();
        attributes.forEach((name, a) -> {
            if (selected(name, wanted)) {
                ObjectNode n = out.putObject(name);
                a.stringValue().ifPresent(s -> n.put("StringValue", s));
                a.binaryValue().ifPresent(b -> n.put("BinaryValue", Base64.getEncoder().encodeToString(b)));
                n.put("DataType", a.dataType());
            }
        });
        return out;
    }

    /** ReceiveMessage's MessageAttributeNames: {@code All}, {@code .*}, a name, or a prefix {@code name.*}. */
    static boolean selected(String name, List<String> wanted) {
        for (String w : wanted) {
            if (w.equals("All") || w.equals(".*") || w.equals(name)
                    || (w.endsWith(".*") && name.startsWith(w.substring(0, w.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
