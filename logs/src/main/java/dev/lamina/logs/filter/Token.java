package dev.lamina.logs.filter;

/** One token of a JSON or space-delimited pattern; {@code text} is unquoted for strings and regexes. */
record Token(Kind kind, String text, int position) {
    enum Kind {
        LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET, LEFT_PAREN, RIGHT_PAREN, COMMA,
        AND, OR,
        /** {@code = != < > <= >=}. */
        OPERATOR,
        /** A double-quoted string, unescaped. */
        STRING,
        /** The body of {@code %...%}. */
        REGEX,
        /** A JSON property selector such as {@code $.users[0].email}, as written. */
        SELECTOR,
        /** Unquoted text: a field name, number, {@code *}-string, keyword or {@code ...}. */
        WORD,
        END
    }

    boolean is(Kind expected) {
        return kind == expected;
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equals(word);
    }
}
