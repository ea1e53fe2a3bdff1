package dev.lamina.control.policy;

/**
 * IAM's wildcard matching: {@code *} matches any run of characters (also none), {@code ?} exactly one.
 * No other character is special, so an action or ARN never needs escaping.
 */
final class Wildcards {
    private Wildcards() {
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        if (ignoreCase) {
            return matches(pattern.toLowerCase(java.util.Locale.ROOT), value.toLowerCase(java.util.Locale.ROOT));
        }
        return matches(pattern, value);
    }

    /**
     * Iterative matching with one backtracking point (the last {@code *}): linear in practice and
     * never exponential, whatever a policy author writes.
     */
    static boolean matches(String pattern, String value) {
        int p = 0;
        int v = 0;
        int star = -1;
        int resume = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /**
     * ArnLike: the six colon-separated parts of an ARN are matched one by one, so a wildcard in
     * the region never swallows the account. The last part (the resource) may contain colons.
     */
    static boolean arnMatches(String pattern, String arn) {
        String[] want = pattern.split(":", 6);
        String[] have = arn.split(":", 6);
        if (want.length != 6 || have.length != 6) {
            return want.length == 1 && matches(pattern, arn); // "*" alone matches every ARN
        }
        for (int i = 0; i < 6; i++) {
            if (!matches(want[i], have[i])) {
                return false;
            }
        }
        return true;
    }
}
