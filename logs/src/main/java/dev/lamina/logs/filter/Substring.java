package dev.lamina.logs.filter;

/**
 * A literal searched for in messages in linear time, so a hostile term such as "aaaa…ab" against
 * "aaaa…a" costs message length plus term length, not their product: short literals use the JDK's
 * (vectorized) search, whose worst case is then at most {@link #SHORT} steps per character; longer
 * ones Knuth–Morris–Pratt. Case-sensitive, as CloudWatch Logs matches. Immutable.
 */
final class Substring {
    static final int SHORT = 16;

    private final String literal;
    private final int[] fallback;

    Substring(String literal) {
        this.literal = literal;
        this.fallback = new int[literal.length()];
        for (int i = 1, k = 0; i < literal.length(); i++) {
            while (k > 0 && literal.charAt(i) != literal.charAt(k)) {
                k = fallback[k - 1];
            }
            if (literal.charAt(i) == literal.charAt(k)) {
                k++;
            }
            fallback[i] = k;
        }
    }

    String literal() {
        return literal;
    }

    boolean in(String text) {
        if (literal.length() <= SHORT) {
            return text.contains(literal);
        }
        for (int i = 0, k = 0; i < text.length(); i++) {
            while (k > 0 && text.charAt(i) != literal.charAt(k)) {
                k = fallback[k - 1];
            }
            if (text.charAt(i) == literal.charAt(k)) {
                k++;
            }
            if (k == literal.length()) {
                return true;
            }
        }
        return false;
    }
}
