package dev.lamina.eventbridge.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON paths EventBridge accepts in InputPath and InputPathsMap: {@code $} followed by dot
 * notation ({@code .detail}, keys of letters, digits, dashes, underscores, slashes and other
 * characters but dots and brackets), array indices ({@code [0]}) and wildcards ({@code .*},
 * {@code [*]}). Bracket notation for keys ({@code ['a']}), filters and recursive descent
 * ({@code ..}) are not part of EventBridge's subset.
 */
record JsonPath(List<Step> steps, boolean wildcard) {
    /** One step: a key, an index, or any child ({@code *}). */
    sealed interface Step {
    }

    record Key(String name) implements Step {
    }

    record Index(int index) implements Step {
    }

    record Any() implements Step {
    }

    JsonPath {
        steps = List.copyOf(steps);
    }

    /** The path {@code text} describes, or empty when it is not in EventBridge's subset. */
    static Optional<JsonPath> parse(String text) {
        if (text == null || !text.startsWith("$")) {
            return Optional.empty();
        }
        List<Step> steps = new ArrayList<>();
        boolean wildcard = false;
        int i = 1;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    char k = text.charAt(i);
                    if (k == ']' || Character.isWhitespace(k) || k == '"' || k == '\'' || k < 0x20) {
                        return Optional.empty();
                    }
                    i++;
                }
                String key = text.substring(start, i);
                if (key.isEmpty()) {
                    return Optional.empty(); // "$." or "$..x"
                }
                if (key.equals("*")) {
                    steps.add(new Any());
                    wildcard = true;
                } else {
                    steps.add(new Key(key));
                }
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    return Optional.empty();
                }
                String inside = text.substring(i + 1, close);
                if (inside.equals("*")) {
                    steps.add(new Any());
                    wildcard = true;
                } else if (!inside.isEmpty() && inside.length() <= 9 && inside.chars().allMatch(Character::isDigit)) {
                    steps.add(new Index(Integer.parseInt(inside)));
                } else {
                    return Optional.empty();
                }
                i = close + 1;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new JsonPath(steps, wildcard));
    }

    /**
     * The value this path selects in {@code root}: the one node, or, for a path with a wildcard,
     * an array of every node it reaches; empty when it reaches nothing.
     */
    Optional<JsonNode> select(JsonNode root) {
        List<JsonNode> current = List.of(root);
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                switch (step) {
                    case Key k -> {
                        JsonNode child = node.isObject() ? node.get(k.name()) : null;
                        if (child != null) {
                            next.add(child);
                        }
                    }
                    case Index x -> {
                        JsonNode child = node.isArray() ? node.get(x.index()) : null;
                        if (child != null) {
                            next.add(child);
                        }
                    }
                    case Any a -> {
                        if (node.isContainerNode()) {
                            node.elements().forEachRemaining(next::add);
                        }
                    }
                }
            }
            current = next;
        }
        if (current.isEmpty()) {
            return Optional.empty();
        }
        if (!wildcard) {
            return Optional.of(current.getFirst());
        }
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        current.forEach(all::add);
        return Optional.of(all);
    }
}
