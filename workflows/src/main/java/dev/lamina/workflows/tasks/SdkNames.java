package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The aws-sdk integrations' naming: the Resource's action is the operation in camelCase
 * ({@code sendMessage} → SendMessage); Parameters and results use PascalCase member names, which
 * services with camelCase models (Step Functions) need turned around.
 */
final class SdkNames {
    private SdkNames() {
    }

    /** {@code getObject} → {@code GetObject}. */
    static String operation(String action) {
        return action.isEmpty() ? action : Character.toUpperCase(action.charAt(0)) + action.substring(1);
    }

    static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** A copy of {@code node} with every object key renamed by {@code rename}, at every depth. */
    static JsonNode rename(JsonNode node, UnaryOperator<String> rename) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                out.set(rename.apply(e.getKey()), rename(e.getValue(), rename));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(v -> out.add(rename(v, rename)));
            return out;
        }
        return node;
    }

    /** Members ending in {@code Date} that a JSON protocol gave as epoch seconds, as ISO-8601 text. */
    static void datesAsText(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            for (Iterator<java.util.Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().endsWith("Date") && e.getValue().isNumber()) {
                    e.setValue(JsonNodeFactory.instance.textNode(
                            Instant.ofEpochMilli((long) (e.getValue().asDouble() * 1000)).toString()));
                } else {
                    datesAsText(e.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(SdkNames::datesAsText);
        }
    }

    /** The operation names of a botocore model on the class path. */
    static Set<String> operations(String modelResource) {
        try (InputStream in = SdkNames.class.getClassLoader().getResourceAsStream(modelResource)) {
            if (in == null) {
                return Set.of();
            }
            Set<String> names = new LinkedHashSet<>();
            LambdaPayloads.JSON.readTree(in).path("operations").fieldNames().forEachRemaining(names::add);
            return Set.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
