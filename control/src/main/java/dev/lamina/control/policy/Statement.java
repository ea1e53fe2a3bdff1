package dev.lamina.control.policy;

import java.util.List;
import java.util.Optional;

/**
 * One statement of a policy. {@code principals} is present exactly in resource-based policies.
 */
record Statement(Optional<String> sid, Effect effect, Matcher actions, Matcher resources,
                        Optional<Principals> principals, List<Condition> conditions) {
    Statement {
        conditions = List.copyOf(conditions);
    }

    /** Whether this statement speaks about {@code request} (its effect says what it decides). */
    boolean applies(AccessRequest request) {
        return actions.applies(request.action()) && resources.applies(request.resource())
                && principals.map(p -> p.applies(request)).orElse(true)
                && conditions.stream().allMatch(c -> c.holds(request));
    }
}
