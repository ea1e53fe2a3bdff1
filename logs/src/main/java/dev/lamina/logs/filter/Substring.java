package dev.lamina.logs.filter;

/**
 * A literal searched for in messages in linear time (Knuth–Morris–Pratt), so a hostile term such as
 * "aaaa…ab" against "aaaa…a" costs message length plus term length, not their product.
 * Case-sensitive, as CloudWatch Logs matches. Immutable.
 */
final class Substring {
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

    boolean in(CharSequence text) {
        if (literal.isEmpty()) {
            return true;
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
