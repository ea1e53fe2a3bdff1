package dev.lamina.logs.filter;

import dev.lamina.logs.filter.Token.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Parses {@code [field, field, ...]}. A field is empty or a name (any value), {@code ...} (any
 * number of fields), or conditions on that one field: {@code name operator value}, joined with
 * {@code &&}, {@code ||} and parentheses, such as {@code status_code = 404 || status_code = 410}.
 * A condition naming another field is refused (AWS refuses {@code status_code = 4* && bytes > 1000}).
 */
final class DelimitedPatternParser {
    private static final Predicate<String> ANY = value -> true;

    private DelimitedPatternParser() {
    }

    static DelimitedPattern parse(String text) {
        Tokens tokens = Lexer.lex(text);
        FilterPatternParser.checkRegexQuota(tokens);
        tokens.expect(Kind.LEFT_BRACKET, "'['");
        List<List<Predicate<String>>> runs = new ArrayList<>();
        List<Predicate<String>> run = new ArrayList<>();
        do {
            if (tokens.peek().isWord("...")) {
                tokens.next();
                runs.add(List.copyOf(run));
                run = new ArrayList<>();
            } else {
                run.add(field(tokens));
            }
        } while (tokens.accept(Kind.COMMA));
        tokens.expect(Kind.RIGHT_BRACKET, "',' or the closing ']'");
        tokens.expect(Kind.END, "the end of the pattern after ']'");
        runs.add(List.copyOf(run));
        return new DelimitedPattern(List.copyOf(runs));
    }

    private static Predicate<String> field(Tokens tokens) {
        Token first = tokens.peek();
        if (first.is(Kind.COMMA) || first.is(Kind.RIGHT_BRACKET)) {
            return ANY;
        }
        Token after = tokens.peekSecond();
        if (first.is(Kind.WORD) && (after.is(Kind.COMMA) || after.is(Kind.RIGHT_BRACKET))) {
            name(tokens.next());
            return ANY;
        }
        return new ConditionParser<>(tokens, new FieldConditions()::single).parse();
    }

    /** The single conditions of one field, which must all name the same field. */
    private static final class FieldConditions {
        private String field;

        Predicate<String> single(Tokens tokens) {
            String name = name(tokens.expect(Kind.WORD, "a field name"));
            if (field == null) {
                field = name;
            } else if (!field.equals(name)) {
                throw FilterPatternParser.invalid("a condition of the field " + field + " names the field " + name
                        + "; each field's conditions may only name that field");
            }
            Comparison comparison = Comparison.parse(tokens);
            return comparison::test;
        }
    }

    private static String name(Token token) {
        String name = token.text();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                throw FilterPatternParser.invalid("the field name '" + name + "' at position " + token.position()
                        + " may only have letters, digits and '_'");
            }
        }
        return name;
    }
}
