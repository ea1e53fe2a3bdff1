package dev.lamina.control;

import dev.lamina.control.policy.AccessRequest;
import dev.lamina.control.policy.MalformedPolicyException;
import dev.lamina.control.policy.PolicyEngine;
import dev.lamina.model.AccountId;
import dev.lamina.model.FunctionArn;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.Qualifier;
import dev.lamina.model.Region;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an AWS service may invoke a function on a resource's behalf (API Gateway for an API,
 * EventBridge for a rule, …): as on AWS, the function's resource-based policy (for the qualifier
 * invoked) must allow the service principal (such as {@code events.amazonaws.com})
 * {@code lambda:InvokeFunction}, under its conditions ({@code AWS:SourceArn} the calling resource's
 * ARN, {@code AWS:SourceAccount} the account). No service adds such a permission itself:
 * {@code lambda add-permission} does.
 */
public final class ServicePermission {
    private ServicePermission() {
    }

    /** False too when the policy cannot be read: the service answers as for a missing permission. */
    public static boolean allows(ControlPlane control, Region region, AccountId account,
                                 String principal, FunctionRef function, String sourceArn) {
        Optional<Qualifier> qualifier = function.qualifier().filter(q -> !(q instanceof Qualifier.Latest));
        FunctionArn arn = FunctionArn.of(region, account, function.name());
        String resource = qualifier.map(arn::withQualifier).orElse(arn).toString();
        try {
            var policy = control.permissions().policyFor(function.name(), qualifier);
            AccessRequest request = new AccessRequest("lambda:InvokeFunction", resource, Optional.empty(),
                    Optional.empty(), Optional.of(principal), Map.of("aws:SourceArn", sourceArn,
                    "aws:SourceAccount", account.toString()));
            return PolicyEngine.evaluate(request, List.of(), policy).allowed();
        } catch (MalformedPolicyException e) {
            return false;
        }
    }
}
