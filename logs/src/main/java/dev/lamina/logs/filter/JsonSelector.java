package dev.lamina.logs.filter;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON property selector: {@code $.} then properties ({@code .name}, letters, digits, {@code -} and
 * {@code _}; {@code .['name.with.dots']} for any other name), array elements ({@code [0]}) and at most
 * one wildcard ({@code .*} any property, {@code [*]} any element). Resolving yields every node the
 * selector reaches; none when a step is missing or of the wrong type.
 */
record JsonSelector(String text, List<Step> steps) {
    sealed interface Step permits Property, Element, AnyProperty, AnyElement {
    }

    record Property(String name) implements Step {
    }

    record Element(int index) implements Step {
    }

    record AnyProperty() implements Step {
    }

    record AnyElement() implements Step {
    }

    static JsonSelector parse(String text) {
        if (!text.startsWith("$.")) {
            throw invalid(text, "starts with '$.'");
        }
        List<Step> steps = new ArrayList<>();
        int pos = 1;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '.' && pos + 1 < text.length() && text.charAt(pos + 1) == '[') {
                pos++;
            } else if (c == '.') {
                int end = pos + 1;
                while (end < text.length() && isNameChar(text.charAt(end))) {
                    end++;
                }
                if (end == pos + 2 && text.charAt(pos + 1) == '*') {
                    steps.add(new AnyProperty());
                } else if (end == pos + 1 || text.substring(pos + 1, end).contains("*")) {
                    throw invalid(text, "names each property after '.'");
                } else {
                    steps.add(new Property(text.substring(pos + 1, end)));
                }
                pos = end;
            } else if (c == '[') {
                int close = closing(text, pos);
                steps.add(bracket(text, text.substring(pos + 1, close).strip()));
                pos = close + 1;
            } else {
                throw invalid(text, "has only properties, [index] and wildcards, not '" + c + "'");
            }
        }
        long wildcards = steps.stream().filter(step -> step instanceof AnyProperty || step instanceof AnyElement).count();
        if (wildcards > 1) {
            throw FilterPatternParser.invalid("the selector " + text + " uses more than one wildcard");
        }
        return new JsonSelector(text, List.copyOf(steps));
    }

    boolean hasWildcard() {
        return steps.stream().anyMatch(step -> step instanceof AnyProperty || step instanceof AnyElement);
    }

    List<JsonNode> resolve(JsonNode root) {
        List<JsonNode> current = List.of(root);
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                switch (step) {
                    case Property property -> addIfPresent(next, node.isObject() ? node.get(property.name()) : null);
                    case Element element -> addIfPresent(next, node.isArray() ? node.get(element.index()) : null);
                    case AnyProperty any -> node.forEach(next::add);
                    case AnyElement any -> {
                        if (node.isArray()) {
                            node.forEach(next::add);
                        }
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private static void addIfPresent(List<JsonNode> nodes, JsonNode node) {
        if (node != null) {
            nodes.add(node);
        }
    }

    private static Step bracket(String text, String inside) {
        if (inside.equals("*")) {
            return new AnyElement();
        }
        if (inside.length() >= 2 && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
                && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
            return new Property(inside.substring(1, inside.length() - 1));
        }
        if (inside.isEmpty() || inside.length() > 9 || !inside.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw invalid(text, "indexes arrays with [number], [*] or ['property name']");
        }
        return new Element(Integer.parseInt(inside));
    }

    private static int closing(String text, int open) {
        int close = Scan.closingBracket(text, open);
        if (close < 0) {
            throw invalid(text, "closes every '['");
        }
        return close;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '*';
    }

    private static InvalidFilterPatternException invalid(String text, String rule) {
        return FilterPatternParser.invalid("the selector " + text + " is not valid: a selector " + rule);
    }
}
