package dev.lamina.logs.filter;

import dev.lamina.logs.filter.Token.Kind;

import java.util.List;

/** A cursor over a pattern's tokens; the last token is always {@link Kind#END}. */
final class Tokens {
    private final List<Token> tokens;
    private int next;

    Tokens(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(next);
    }

    /** The token after the next one. */
    Token peekSecond() {
        return tokens.get(Math.min(next + 1, tokens.size() - 1));
    }

    Token next() {
        Token token = tokens.get(next);
        if (!token.is(Kind.END)) {
            next++;
        }
        return token;
    }

    /** Consumes the next token if it is of this kind. */
    boolean accept(Kind kind) {
        if (peek().is(kind)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(Kind kind, String what) {
        Token token = next();
        if (!token.is(kind)) {
            throw unexpected(token, what);
        }
        return token;
    }

    List<Token> all(Kind kind) {
        return tokens.stream().filter(token -> token.is(kind)).toList();
    }

    static InvalidFilterPatternException unexpected(Token token, String expected) {
        String found = token.is(Kind.END) ? "the end of the pattern" : "'" + token.text() + "'";
        return FilterPatternParser.invalid("expected " + expected + " at position " + token.position()
                + " but found " + found);
    }
}
