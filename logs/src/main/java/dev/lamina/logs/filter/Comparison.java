package dev.lamina.logs.filter;

import dev.lamina.logs.filter.Token.Kind;

import java.util.OptionalDouble;

/**
 * One {@code operator value} test of a JSON property or a space-delimited field, against the value's
 * text. A number literal compares numerically with a value that is a number ({@code 400} equals
 * "400" and "4e2"), and as text otherwise; a string literal is a {@link Glob}; a regex is searched for.
 * {@code !=} is the negation of {@code =}. {@code < > <= >=} need a number literal and a numeric value.
 */
record Comparison(Operator operator, Literal literal) {
    sealed interface Literal permits NumberLiteral, TextLiteral, RegexLiteral {
    }

    record NumberLiteral(double value, String text) implements Literal {
    }

    record TextLiteral(Glob glob) implements Literal {
    }

    record RegexLiteral(Regex regex) implements Literal {
    }

    /** Reads the operator and the value after a selector or field name. */
    static Comparison parse(Tokens tokens) {
        Token operatorToken = tokens.expect(Kind.OPERATOR, "an operator (=, !=, <, >, <=, >=)");
        Operator operator = Operator.of(operatorToken.text());
        Token value = tokens.next();
        Literal literal = switch (value.kind()) {
            case STRING -> new TextLiteral(Glob.of(value.text()));
            case REGEX -> new RegexLiteral(RegexParser.parse(value.text()));
            case WORD -> {
                OptionalDouble number = Numbers.parse(value.text());
                yield number.isPresent()
                        ? new NumberLiteral(number.getAsDouble(), value.text())
                        : new TextLiteral(Glob.of(value.text()));
            }
            default -> throw Tokens.unexpected(value, "a value after '" + operator.symbol() + "'");
        };
        if (operator.numeric() && !(literal instanceof NumberLiteral)) {
            throw FilterPatternParser.invalid("the operator " + operator.symbol() + " at position "
                    + operatorToken.position() + " needs a number, not '" + value.text() + "'");
        }
        return new Comparison(operator, literal);
    }

    boolean test(String text) {
        boolean equal = switch (literal) {
            case NumberLiteral number -> {
                OptionalDouble actual = Numbers.parse(text);
                if (operator.numeric()) {
                    yield actual.isPresent() && operator.compare(actual.getAsDouble(), number.value());
                }
                yield actual.isPresent() ? actual.getAsDouble() == number.value() : text.equals(number.text());
            }
            case TextLiteral string -> string.glob().matches(text);
            case RegexLiteral regex -> regex.regex().find(text);
        };
        if (operator.numeric()) {
            return equal;
        }
        return operator == Operator.NOT_EQUAL ? !equal : equal;
    }
}
