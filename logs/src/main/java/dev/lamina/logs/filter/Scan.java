package dev.lamina.logs.filter;

/** Scanning shared by the pattern kinds: quoted strings and brackets that may hold quoted text. */
final class Scan {
    /** A double-quoted string: its value, with {@code \"} and {@code \\} unescaped, and the index after it. */
    record Quoted(String value, int end) {
    }

    private Scan() {
    }

    /** @param open the index of the opening quote; {@code what} names the string in the error */
    static Quoted quoted(String text, int open, String what) {
        StringBuilder value = new StringBuilder();
        int pos = open + 1;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return new Quoted(value.toString(), pos);
            }
            if (c == '\\' && pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\\')) {
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        throw FilterPatternParser.invalid(what + " at position " + open + " has no closing '\"'");
    }

    /** The index of the {@code ]} closing the {@code [} at open, skipping single- or double-quoted text; -1 if none. */
    static int closingBracket(String text, int open) {
        char quote = 0;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }
}
