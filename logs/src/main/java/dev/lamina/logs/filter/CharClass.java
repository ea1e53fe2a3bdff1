package dev.lamina.logs.filter;

/**
 * A set of characters one regex step accepts: an explicit set of ASCII characters plus one flag for
 * every character above ASCII (filter-pattern regexes are ASCII-only, so a class can only accept all
 * non-ASCII characters, through negation or an inverse escape such as {@code \W}, or none).
 */
final class CharClass {
    private final boolean[] ascii = new boolean[128];
    private boolean nonAscii;

    static CharClass of(char c) {
        CharClass set = new CharClass();
        set.add(c);
        return set;
    }

    /** {@code .}: any character but a line break, as in Java's and RE2's default mode. */
    static CharClass anyButLineBreak() {
        CharClass set = new CharClass().negated();
        set.ascii['\n'] = false;
        set.ascii['\r'] = false;
        return set;
    }

    /**
     * The class of {@code \d}, {@code \s} or {@code \w} (lower case), or its inverse (upper case).
     * Whitespace is tab, line feed, vertical tab, form feed, carriage return and space.
     */
    static CharClass shorthand(char letter) {
        CharClass set = new CharClass();
        switch (Character.toLowerCase(letter)) {
            case 'd' -> set.addRange('0', '9');
            case 's' -> {
                set.add(' ');
                set.addRange('\t', '\r');
            }
            case 'w' -> {
                set.addRange('a', 'z');
                set.addRange('A', 'Z');
                set.addRange('0', '9');
                set.add('_');
            }
            default -> throw new IllegalArgumentException("no shorthand class \\" + letter);
        }
        return Character.isUpperCase(letter) ? set.negated() : set;
    }

    void add(char c) {
        if (c < 128) {
            ascii[c] = true;
        } else {
            nonAscii = true;
        }
    }

    void addRange(char from, char to) {
        for (char c = from; c <= to && c < 128; c++) {
            ascii[c] = true;
        }
        if (to >= 128) {
            nonAscii = true;
        }
    }

    void addAll(CharClass other) {
        for (int c = 0; c < 128; c++) {
            ascii[c] |= other.ascii[c];
        }
        nonAscii |= other.nonAscii;
    }

    CharClass negated() {
        CharClass set = new CharClass();
        for (int c = 0; c < 128; c++) {
            set.ascii[c] = !ascii[c];
        }
        set.nonAscii = !nonAscii;
        return set;
    }

    boolean contains(char c) {
        return c < 128 ? ascii[c] : nonAscii;
    }
}
