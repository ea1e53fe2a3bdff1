package dev.lamina.server.auth;

import dev.lamina.control.Permissions;
import dev.lamina.control.iam.Identities;
import dev.lamina.control.policy.AccessRequest;
import dev.lamina.control.policy.PolicyDocument;
import dev.lamina.control.policy.PolicyEngine;
import dev.lamina.model.AccountId;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Region;
import dev.lamina.server.http.ApiRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides every request with the policy engine: the root may do everything; a user is allowed what
 * its inline policies allow, a role session what its role's policy allows, and either may also be
 * allowed by the function's resource-based policy; an explicit Deny anywhere wins. Administration
 * routes ({@code iam:…}) are the root's alone.
 */
public final class PolicyAuthorizer implements Authorizer {
    private static final String ADMIN_PREFIX = "iam:";

    private final Identities identities;
    private final Permissions permissions;
    private final OperationTargets targets;
    private final AccountId account;

    public PolicyAuthorizer(Identities identities, Permissions permissions, Region region, AccountId account) {
        this.identities = identities;
        this.permissions = permissions;
        this.targets = new OperationTargets(region, account);
        this.account = account;
    }

    @Override
    public ApiRequest authorize(Caller caller, String operation, ApiRequest request) {
        if (caller.kind() == Caller.Kind.ROOT) {
            return request;
        }
        if (operation.startsWith(ADMIN_PREFIX)) {
            throw denied(caller, Target.anyResource(operation), PolicyEngine.Decision.IMPLICITLY_DENIED);
        }
        Target target;
        ApiRequest toRun = request;
        if (operation.equals("CreateFunction")) {
            OperationTargets.BodyTarget read = targets.fromBody(operation, request);
            target = read.target();
            toRun = read.request();
        } else {
            target = targets.target(operation, request);
        }
        Optional<PolicyDocument> resourcePolicy = target.function()
                .flatMap(f -> permissions.policyFor(f, target.qualifier()));
        PolicyEngine.Decision decision = PolicyEngine.evaluate(
                AccessRequest.of(target.action(), target.resource(), caller.principalArn(), Map.of()),
                identityPolicies(caller), resourcePolicy);
        if (!decision.allowed()) {
            throw denied(caller, target, decision);
        }
        return toRun;
    }

    private List<PolicyDocument> identityPolicies(Caller caller) {
        String arn = caller.principalArn();
        return switch (caller.kind()) {
            case ROOT -> List.of();
            case USER -> identities.userPolicies(arn.substring(arn.indexOf(":user/") + ":user/".length()));
            case ROLE_SESSION -> roleOfSession(arn).flatMap(identities::rolePolicy).map(List::of).orElse(List.of());
        };
    }

    /** {@code arn:aws:sts::<account>:assumed-role/<role>/<session>} → the role's ARN. */
    private Optional<String> roleOfSession(String sessionArn) {
        String prefix = "arn:aws:sts::" + account.id() + ":assumed-role/";
        if (!sessionArn.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = sessionArn.substring(prefix.length());
        int slash = rest.indexOf('/');
        return Optional.of(identities.roleArn(slash < 0 ? rest : rest.substring(0, slash)));
    }

    /** AWS's wording, which tells the caller which kind of policy to look at. */
    static LambdaException denied(Caller caller, Target target, PolicyEngine.Decision decision) {
        String start = "User: " + caller.principalArn() + " is not authorized to perform: " + target.action()
                + " on resource: " + target.resource();
        String reason = switch (decision) {
            case DENIED_BY_IDENTITY_POLICY -> " with an explicit deny in an identity-based policy";
            case DENIED_BY_RESOURCE_POLICY -> " with an explicit deny in a resource-based policy";
            default -> " because no identity-based policy allows the " + target.action() + " action";
        };
        return new LambdaException(ErrorCode.ACCESS_DENIED, start + reason);
    }
}
