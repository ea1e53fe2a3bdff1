package dev.lamina.logs.filter;

import java.util.OptionalDouble;

/**
 * Numbers as filter patterns write them: an optional sign, digits, an optional fraction and an
 * optional exponent ({@code 400}, {@code +1000}, {@code 55.5}, {@code 1e+3}, {@code 10e-3}). Checked by
 * hand before parsing, because {@link Double#parseDouble} also takes "NaN", "0x1p3" and "1d".
 */
final class Numbers {
    /** Longer text is never treated as a number; keeps parsing cheap on hostile fields. */
    private static final int MAX_LENGTH = 100;

    private Numbers() {
    }

    static OptionalDouble parse(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH || !wellFormed(text)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(text));
    }

    private static boolean wellFormed(String s) {
        int i = 0;
        if (s.charAt(i) == '+' || s.charAt(i) == '-') {
            i++;
        }
        int digits = skipDigits(s, i);
        if (digits == i) {
            return false;
        }
        i = digits;
        if (i < s.length() && s.charAt(i) == '.') {
            int fraction = skipDigits(s, i + 1);
            if (fraction == i + 1) {
                return false;
            }
            i = fraction;
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = skipDigits(s, i);
            if (exponent == i) {
                return false;
            }
            i = exponent;
        }
        return i == s.length();
    }

    private static int skipDigits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
