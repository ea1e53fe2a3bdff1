package dev.lamina.logs.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses terms separated by whitespace. A term is a word of ASCII letters, digits and {@code _}, or a
 * double-quoted phrase ({@code \"} and {@code \\} escape inside it) for anything else; a {@code -}
 * before it excludes it, a {@code ?} makes it optional. A blank phrase such as {@code " "} is a term
 * every event satisfies (AWS's match-everything pattern); the empty phrase {@code ""} is refused, with
 * AWS's wording.
 */
final class TermPatternParser {
    private final String text;
    private final List<Substring> included = new ArrayList<>();
    private final List<Substring> excluded = new ArrayList<>();
    private final List<Substring> optional = new ArrayList<>();
    private boolean blankPhrase;
    private int pos;

    private TermPatternParser(String text) {
        this.text = text;
    }

    static TermPattern parse(String text) {
        TermPatternParser parser = new TermPatternParser(text);
        parser.run();
        return parser.pattern();
    }

    private TermPattern pattern() {
        if (blankPhrase && included.isEmpty() && excluded.isEmpty()) {
            return new TermPattern(List.of(), List.of(), List.of());
        }
        return new TermPattern(List.copyOf(included), List.copyOf(excluded), List.copyOf(optional));
    }

    private void run() {
        while (true) {
            skipWhitespace();
            if (pos >= text.length()) {
                return;
            }
            char prefix = text.charAt(pos);
            List<Substring> into = included;
            if (prefix == '-' || prefix == '?') {
                pos++;
                skipWhitespace();
                if (pos >= text.length()) {
                    throw FilterPatternParser.invalid("'" + prefix + "' at the end of the pattern has no term after it");
                }
                into = prefix == '-' ? excluded : optional;
            }
            String term = text.charAt(pos) == '"' ? phrase() : word();
            if (term.isBlank()) {
                blankPhrase = true;
            } else {
                into.add(new Substring(term));
            }
        }
    }

    private String phrase() {
        Scan.Quoted phrase = Scan.quoted(text, pos, "the quoted phrase");
        if (phrase.value().isEmpty()) {
            throw FilterPatternParser.invalid("Invalid character(s) in term '\"\"'");
        }
        pos = phrase.end();
        return phrase.value();
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                throw FilterPatternParser.invalid("Invalid character(s) in term '" + word + "'");
            }
        }
        return word;
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
