package dev.lamina.control.policy;

import java.util.List;
import java.util.Optional;

/**
 * IAM's evaluation for one account: an explicit Deny in any policy wins; otherwise an Allow in an
 * identity policy or in the resource's policy allows; otherwise the request is implicitly denied.
 * (Lamina has no permission boundaries, session policies or organisation policies.)
 */
public final class PolicyEngine {
    private PolicyEngine() {
    }

    public enum Decision {
        ALLOWED,
        /** A Deny statement of one of the caller's identity policies applies. */
        DENIED_BY_IDENTITY_POLICY,
        /** A Deny statement of the resource's policy applies. */
        DENIED_BY_RESOURCE_POLICY,
        /** Nothing allows the request. */
        IMPLICITLY_DENIED;

        public boolean allowed() {
            return this == ALLOWED;
        }
    }

    public static Decision evaluate(AccessRequest request, List<PolicyDocument> identityPolicies,
                                    Optional<PolicyDocument> resourcePolicy) {
        boolean allowed = false;
        for (PolicyDocument p : identityPolicies) {
            Optional<Effect> e = p.decide(request);
            if (e.isPresent() && e.get() == Effect.DENY) {
                return Decision.DENIED_BY_IDENTITY_POLICY;
            }
            allowed |= e.isPresent();
        }
        if (resourcePolicy.isPresent()) {
            Optional<Effect> e = resourcePolicy.get().decide(request);
            if (e.isPresent() && e.get() == Effect.DENY) {
                return Decision.DENIED_BY_RESOURCE_POLICY;
            }
            allowed |= e.isPresent();
        }
        return allowed ? Decision.ALLOWED : Decision.IMPLICITLY_DENIED;
    }
}
