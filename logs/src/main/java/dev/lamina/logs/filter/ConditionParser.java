package dev.lamina.logs.filter;

import dev.lamina.logs.filter.Token.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Parses compound conditions with CloudWatch's precedence, {@code ()} before {@code &&} before
 * {@code ||}, leaving each single condition to the pattern kind (a JSON selector test, a field test).
 * Parentheses nest at most {@link #MAX_DEPTH} deep, so hostile input cannot exhaust the stack.
 */
final class ConditionParser<T> {
    static final int MAX_DEPTH = 32;

    private final Tokens tokens;
    private final Function<Tokens, Predicate<T>> single;

    ConditionParser(Tokens tokens, Function<Tokens, Predicate<T>> single) {
        this.tokens = tokens;
        this.single = single;
    }

    Predicate<T> parse() {
        return anyOf(0);
    }

    private Predicate<T> anyOf(int depth) {
        List<Predicate<T>> parts = new ArrayList<>();
        parts.add(allOf(depth));
        while (tokens.accept(Kind.OR)) {
            parts.add(allOf(depth));
        }
        return parts.size() == 1 ? parts.getFirst() : new Conditions.AnyOf<>(List.copyOf(parts));
    }

    private Predicate<T> allOf(int depth) {
        List<Predicate<T>> parts = new ArrayList<>();
        parts.add(primary(depth));
        while (tokens.accept(Kind.AND)) {
            parts.add(primary(depth));
        }
        return parts.size() == 1 ? parts.getFirst() : new Conditions.AllOf<>(List.copyOf(parts));
    }

    private Predicate<T> primary(int depth) {
        Token open = tokens.peek();
        if (!tokens.accept(Kind.LEFT_PAREN)) {
            return single.apply(tokens);
        }
        if (depth >= MAX_DEPTH) {
            throw FilterPatternParser.invalid("parentheses nest more than " + MAX_DEPTH + " deep at position "
                    + open.position());
        }
        Predicate<T> inner = anyOf(depth + 1);
        tokens.expect(Kind.RIGHT_PAREN, "')' closing the '(' at position " + open.position());
        return inner;
    }
}
