package dev.lamina.logs.filter;

/**
 * A string value of a JSON or space-delimited condition: a {@code *} at its start or end stands for
 * any text, so {@code *Event} matches "PutEvent", {@code 4*} matches "404" and {@code *.html*}
 * matches "GET /index.html HTTP/1.0"; a {@code *} inside is itself (AWS: "Ev*ent will only match
 * the actual string Ev*ent"); {@code *} alone matches any value. Case-sensitive.
 */
record Glob(boolean anyPrefix, boolean anySuffix, Substring literal) {
    static Glob of(String value) {
        boolean prefix = value.startsWith("*");
        String rest = prefix ? value.substring(1) : value;
        boolean suffix = rest.endsWith("*");
        if (suffix) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return new Glob(prefix, suffix, new Substring(rest));
    }

    boolean matches(String text) {
        String core = literal.literal();
        if (anyPrefix && anySuffix) {
            return literal.in(text);
        }
        if (anyPrefix) {
            return text.endsWith(core);
        }
        if (anySuffix) {
            return text.startsWith(core);
        }
        return text.equals(core);
    }
}
