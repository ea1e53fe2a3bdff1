package dev.lamina.control.policy;

import java.util.List;

/**
 * The Action/NotAction or Resource/NotResource element of a statement: a list of wildcard patterns,
 * and whether the statement applies to what they match or to everything else.
 */
record Matcher(List<String> patterns, boolean negated, boolean ignoreCase) {
    Matcher {
        patterns = List.copyOf(patterns);
    }

    boolean applies(String value) {
        boolean any = false;
        for (String p : patterns) {
            if (Wildcards.matches(p, value, ignoreCase)) {
                any = true;
                break;
            }
        }
        return any != negated;
    }
}
