package dev.lamina.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Message attributes and string maps as the store keeps them: JSON text. */
final class AttributeCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AttributeCodec() {
    }

    static String attributes(Map<String, MessageAttribute> attributes) {
        if (attributes.isEmpty()) {
            return null;
        }
        ObjectNode root = JSON.createObjectNode();
        attributes.forEach((name, a) -> {
            ObjectNode n = root.putObject(name).put("t", a.dataType());
            a.stringValue().ifPresent(v -> n.put("s", v));
            a.binaryValue().ifPresent(v -> n.put("b", Base64.getEncoder().encodeToString(v)));
        });
        return root.toString();
    }

    static Map<String, MessageAttribute> attributes(String json) {
        if (json == null) {
            return Map.of();
        }
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        read(json).properties().forEach(e -> {
            JsonNode n = e.getValue();
            out.put(e.getKey(), new MessageAttribute(n.get("t").asText(),
                    n.has("s") ? Optional.of(n.get("s").asText()) : Optional.empty(),
                    n.has("b") ? Optional.of(Base64.getDecoder().decode(n.get("b").asText())) : Optional.empty()));
        });
        return out;
    }

    static String strings(Map<String, String> map) {
        ObjectNode root = JSON.createObjectNode();
        map.forEach(root::put);
        return root.toString();
    }

    static Map<String, String> strings(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        read(json).properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable stored JSON", e);
        }
    }
}
