package dev.lamina.logs.filter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.logs.filter.Token.Kind;

import java.util.List;
import java.util.function.Predicate;

/**
 * Parses {@code { condition }}. A single condition is {@code selector operator value},
 * {@code selector IS TRUE|FALSE|NULL} or {@code selector NOT EXISTS} (AWS supports neither
 * {@code IS NOT} nor {@code EXISTS}); conditions combine with {@code &&}, {@code ||} and parentheses.
 * A comparison holds when the selector reaches a string or number that satisfies it (with a
 * wildcard: any one of the values it reaches); an object, an array, null or a missing property
 * satisfies neither {@code =} nor {@code !=}.
 */
final class JsonPatternParser {
    /** AWS: "up to three wildcard selectors in a filter pattern with compound expressions". */
    static final int MAX_WILDCARDS = 3;

    private JsonPatternParser() {
    }

    static JsonPattern parse(String text) {
        Tokens tokens = Lexer.lex(text);
        FilterPatternParser.checkRegexQuota(tokens);
        long wildcards = tokens.all(Kind.SELECTOR).stream()
                .filter(selector -> JsonSelector.parse(selector.text()).hasWildcard())
                .count();
        if (wildcards > MAX_WILDCARDS) {
            throw FilterPatternParser.invalid("a filter pattern may use at most " + MAX_WILDCARDS + " wildcard selectors");
        }
        tokens.expect(Kind.LEFT_BRACE, "'{'");
        if (tokens.peek().is(Kind.RIGHT_BRACE)) {
            throw FilterPatternParser.invalid("the JSON filter pattern {} has no condition");
        }
        Predicate<JsonNode> condition = new ConditionParser<>(tokens, JsonPatternParser::single).parse();
        tokens.expect(Kind.RIGHT_BRACE, "'&&', '||' or the closing '}'");
        tokens.expect(Kind.END, "the end of the pattern after '}'");
        return new JsonPattern(condition);
    }

    private static Predicate<JsonNode> single(Tokens tokens) {
        JsonSelector selector = JsonSelector.parse(tokens.expect(Kind.SELECTOR, "a selector such as $.name").text());
        Token next = tokens.peek();
        if (next.isWord("IS")) {
            tokens.next();
            Token value = tokens.next();
            return switch (value.kind() == Kind.WORD ? value.text() : "") {
                case "TRUE" -> root -> any(selector.resolve(root), node -> node.isBoolean() && node.booleanValue());
                case "FALSE" -> root -> any(selector.resolve(root), node -> node.isBoolean() && !node.booleanValue());
                case "NULL" -> root -> any(selector.resolve(root), JsonNode::isNull);
                default -> throw Tokens.unexpected(value, "TRUE, FALSE or NULL after IS (IS NOT is not supported)");
            };
        }
        if (next.isWord("NOT")) {
            tokens.next();
            Token value = tokens.next();
            if (!value.isWord("EXISTS")) {
                throw Tokens.unexpected(value, "EXISTS after NOT");
            }
            return root -> selector.resolve(root).isEmpty();
        }
        if (next.isWord("EXISTS")) {
            throw FilterPatternParser.invalid("EXISTS is not supported (only NOT EXISTS), at position " + next.position());
        }
        Comparison comparison = Comparison.parse(tokens);
        return root -> any(selector.resolve(root),
                node -> (node.isTextual() || node.isNumber()) && comparison.test(node.asText()));
    }

    private static boolean any(List<JsonNode> nodes, Predicate<JsonNode> test) {
        for (JsonNode node : nodes) {
            if (test.test(node)) {
                return true;
            }
        }
        return false;
    }
}
