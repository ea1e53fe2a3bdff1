package dev.lamina.logs.filter;

import java.util.List;

/**
 * A pattern of terms for unstructured events: every included term occurs in the message, no excluded
 * one does; the optional ({@code ?}) terms count only when the pattern has nothing else, and then one
 * of them must occur (AWS: combined with other terms, "all question mark terms will be ignored").
 * Terms match anywhere, case-sensitively: {@code ERROR} matches "Exiting with ERRORCODE: -1".
 */
record TermPattern(List<Substring> included, List<Substring> excluded, List<Substring> optional)
        implements FilterPattern {
    @Override
    public boolean matches(String message) {
        if (message == null) {
            return false;
        }
        for (Substring term : included) {
            if (!term.in(message)) {
                return false;
            }
        }
        for (Substring term : excluded) {
            if (term.in(message)) {
                return false;
            }
        }
        if (included.isEmpty() && excluded.isEmpty() && !optional.isEmpty()) {
            for (Substring term : optional) {
                if (term.in(message)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }
}
