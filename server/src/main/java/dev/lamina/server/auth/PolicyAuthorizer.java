package dev.lamina.server.auth;

import dev.lamina.control.Permissions;
import dev.lamina.control.iam.Identities;
import dev.lamina.control.policy.AccessRequest;
import dev.lamina.control.policy.PolicyDocument;
import dev.lamina.control.policy.PolicyEngine;
import dev.lamina.model.AccountId;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionName;
import dev.lamina.model.Qualifier;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Region;
import dev.lamina.server.http.ApiRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides every request with the policy engine: the root may do everything; a user is allowed what
 * its inline policies allow, a role session what its role's policy allows, and either may also be
 * allowed by the function's resource-based policy; an explicit Deny anywhere wins. Naming an
 * execution role ({@code Role} in CreateFunction or UpdateFunctionConfiguration) also needs
 * {@code iam:PassRole} on it from the caller's identity policies. Administration routes
 * ({@code iam:…}) are the root's alone; Lamina's own actions ({@code lamina:GetUsage}) are decided
 * like Lambda's, on the target OperationTargets gives them. Everything is decided before the operation runs.
 */
public final class PolicyAuthorizer implements Authorizer {
    private static final String ADMIN_PREFIX = "iam:";
    private static final String PASS_ROLE = "iam:PassRole";
    /** The operations whose body may name an execution role ({@code Role}). */
    private static final Set<String> PASSES_ROLE = Set.of("CreateFunction", "UpdateFunctionConfiguration");

    private final Identities identities;
    private final Permissions permissions;
    private final OperationTargets targets;
    private final RoleSessions sessions;

    /** @param sessions the execution-role sessions, which say which role a session's key was issued for */
    public PolicyAuthorizer(Identities identities, Permissions permissions, RoleSessions sessions, Region region,
                            AccountId account) {
        this.identities = identities;
        this.permissions = permissions;
        this.sessions = sessions;
        this.targets = new OperationTargets(region, account);
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
        Optional<String> passedRole = Optional.empty();
        ApiRequest toRun = request;
        if (PASSES_ROLE.contains(operation)) {
            OperationTargets.BodyTarget read = targets.fromBody(operation, request);
            target = read.target();
            passedRole = read.role();
            toRun = read.request();
        } else {
            target = targets.target(operation, request);
        }
        List<PolicyDocument> identityPolicies = identityPolicies(caller);
        Optional<PolicyDocument> resourcePolicy = target.function()
                .flatMap(f -> permissions.policyFor(f, target.qualifier()));
        PolicyEngine.Decision decision = PolicyEngine.evaluate(
                accessRequest(caller, target.action(), target.resource()), identityPolicies, resourcePolicy);
        if (!decision.allowed()) {
            throw denied(caller, target, decision);
        }
        if (passedRole.isPresent()) {
            // The function's environments get this role's credentials, so naming a role is using
            // it: as on AWS, only the caller's own (identity) policies can allow iam:PassRole.
            Target pass = new Target(PASS_ROLE, passedRole.get(), Optional.empty(), Optional.empty());
            PolicyEngine.Decision passing = PolicyEngine.evaluate(
                    accessRequest(caller, PASS_ROLE, pass.resource()), identityPolicies, Optional.empty());
            if (!passing.allowed()) {
                throw denied(caller, pass, passing);
            }
        }
        return toRun;
    }

    @Override
    public void authorize(Caller caller, String action, String resource) {
        if (caller.kind() == Caller.Kind.ROOT) {
            return;
        }
        Target target = new Target(action, resource, Optional.empty(), Optional.empty());
        PolicyEngine.Decision decision = PolicyEngine.evaluate(accessRequest(caller, action, resource),
                identityPolicies(caller), Optional.empty());
        if (!decision.allowed()) {
            throw denied(caller, target, decision);
        }
    }

    /**
     * For front doors (a function URL with AuthType AWS_IAM): whether {@code caller} may perform
     * {@code action} on {@code resource}, decided as a Lambda API call on that function is: the
     * caller's identity policies with the function's resource policy (for {@code qualifier}), with
     * the request's condition keys in {@code context}; the root may do everything.
     */
    public boolean allows(Caller caller, String action, String resource, FunctionName function,
                          Optional<Qualifier> qualifier, Map<String, String> context) {
        if (caller.kind() == Caller.Kind.ROOT) {
            return true;
        }
        Optional<PolicyDocument> resourcePolicy = permissions.policyFor(function, qualifier);
        return PolicyEngine.evaluate(accessRequest(caller, action, resource, context), identityPolicies(caller),
                resourcePolicy).allowed();
    }

    private AccessRequest accessRequest(Caller caller, String action, String resource) {
        return accessRequest(caller, action, resource, Map.of());
    }

    /** A role session's request carries its role's ARN, which resource policies may name for all its sessions. */
    private AccessRequest accessRequest(Caller caller, String action, String resource, Map<String, String> context) {
        Optional<String> role = caller.kind() == Caller.Kind.ROLE_SESSION
                ? sessions.session(caller.accessKeyId()).map(RoleSessions.Session::roleArn) : Optional.empty();
        return role.map(r -> AccessRequest.ofSession(action, resource, caller.principalArn(), r, context))
                .orElseGet(() -> AccessRequest.of(action, resource, caller.principalArn(), context));
    }

    private List<PolicyDocument> identityPolicies(Caller caller) {
        String arn = caller.principalArn();
        return switch (caller.kind()) {
            case ROOT -> List.of();
            case USER -> identities.userPolicies(arn.substring(arn.indexOf(":user/") + ":user/".length()));
            // The role the session was issued for, exactly as configured: never rebuilt from the
            // session's ARN, which keeps only the role's name (another account's or another path's
            // role of the same name is not this one).
            case ROLE_SESSION -> sessions.session(caller.accessKeyId())
                    .flatMap(s -> identities.rolePolicy(s.roleArn())).map(List::of).orElse(List.of());
        };
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
