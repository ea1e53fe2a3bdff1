package dev.lamina.logs.filter;

import dev.lamina.logs.filter.Token.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a JSON pattern ({@code { ... }}) or a space-delimited pattern ({@code [ ... ]}) into tokens.
 * Quoted strings keep {@code \"} and {@code \\} as escapes; a {@code %...%} regex is one token, so its
 * braces and brackets are not pattern syntax; a {@code $} starts a JSON selector, whose brackets may
 * hold a quoted property name. Unquoted text may only use letters, digits and {@code _ . * + -}, as AWS
 * requires quotes for anything else.
 */
final class Lexer {
    private static final String DELIMITERS = "{}[](),&|=!<>\"%$";

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String text) {
        this.text = text;
    }

    static Tokens lex(String text) {
        Lexer lexer = new Lexer(text);
        lexer.run();
        return new Tokens(lexer.tokens);
    }

    private void run() {
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                tokens.add(new Token(Kind.END, "", pos));
                return;
            }
            int start = pos;
            char c = text.charAt(pos);
            switch (c) {
                case '{' -> single(Kind.LEFT_BRACE);
                case '}' -> single(Kind.RIGHT_BRACE);
                case '[' -> single(Kind.LEFT_BRACKET);
                case ']' -> single(Kind.RIGHT_BRACKET);
                case '(' -> single(Kind.LEFT_PAREN);
                case ')' -> single(Kind.RIGHT_PAREN);
                case ',' -> single(Kind.COMMA);
                case '&', '|' -> {
                    if (pos + 1 >= text.length() || text.charAt(pos + 1) != c) {
                        throw FilterPatternParser.invalid("a single '" + c + "' at position " + pos
                                + " (use " + c + c + ")");
                    }
                    pos += 2;
                    tokens.add(new Token(c == '&' ? Kind.AND : Kind.OR, "" + c + c, start));
                }
                case '=', '!', '<', '>' -> operator(c);
                case '"' -> tokens.add(new Token(Kind.STRING, quoted(), start));
                case '%' -> tokens.add(new Token(Kind.REGEX, regex(), start));
                case '$' -> tokens.add(new Token(Kind.SELECTOR, selector(), start));
                default -> tokens.add(new Token(Kind.WORD, word(), start));
            }
        }
    }

    private void single(Kind kind) {
        tokens.add(new Token(kind, String.valueOf(text.charAt(pos)), pos));
        pos++;
    }

    private void operator(char c) {
        int start = pos;
        pos++;
        boolean withEquals = pos < text.length() && text.charAt(pos) == '=';
        if (c == '!' && !withEquals) {
            throw FilterPatternParser.invalid("a '!' at position " + start + " not followed by '='");
        }
        if (withEquals && c != '=') {
            pos++;
        }
        tokens.add(new Token(Kind.OPERATOR, text.substring(start, pos), start));
    }

    private String quoted() {
        Scan.Quoted quoted = Scan.quoted(text, pos, "the quoted string");
        pos = quoted.end();
        return quoted.value();
    }

    private String regex() {
        int close = text.indexOf('%', pos + 1);
        if (close < 0) {
            throw FilterPatternParser.invalid("the regex at position " + pos + " has no closing '%'");
        }
        String body = text.substring(pos + 1, close);
        pos = close + 1;
        return body;
    }

    /** {@code $} and what follows up to the first character that cannot be part of a selector. */
    private String selector() {
        int start = pos;
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '[') {
                skipBracket();
            } else if (isWordChar(c) || c == '$') {
                pos++;
            } else {
                break;
            }
        }
        return text.substring(start, pos);
    }

    private void skipBracket() {
        int close = Scan.closingBracket(text, pos);
        if (close < 0) {
            throw FilterPatternParser.invalid("the '[' at position " + pos + " of a selector has no closing ']'");
        }
        pos = close + 1;
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))
                && DELIMITERS.indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String word = text.substring(start, pos);
        for (int i = 0; i < word.length(); i++) {
            if (!isWordChar(word.charAt(i))) {
                throw FilterPatternParser.invalid("Invalid character(s) in term '" + word + "'");
            }
        }
        return word;
    }

    static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_.*+-".indexOf(c) >= 0;
    }
}
