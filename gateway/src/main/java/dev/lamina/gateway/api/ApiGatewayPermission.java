package dev.lamina.gateway.api;

import dev.lamina.control.ControlPlane;
import dev.lamina.control.policy.AccessRequest;
import dev.lamina.control.policy.MalformedPolicyException;
import dev.lamina.control.policy.PolicyEngine;
import dev.lamina.gateway.GatewaySettings;
import dev.lamina.model.FunctionArn;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.Qualifier;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether API Gateway may invoke a function (an integration or an authorizer, of an HTTP API or a
 * REST API): as on AWS, the function's resource-based policy (for the qualifier invoked) must allow
 * the service principal {@code apigateway.amazonaws.com} {@code lambda:InvokeFunction}, under its
 * conditions ({@code AWS:SourceArn} the execute-api ARN, {@code AWS:SourceAccount} the account). API
 * Gateway adds no such permission itself: {@code lambda add-permission} does.
 */
public final class ApiGatewayPermission {
    public static final String PRINCIPAL = "apigateway.amazonaws.com";

    private ApiGatewayPermission() {
    }

    /** False too when the policy cannot be read: API Gateway answers as for a missing permission. */
    public static boolean allows(ControlPlane control, GatewaySettings settings, FunctionRef function,
                                 String sourceArn) {
        Optional<Qualifier> qualifier = function.qualifier().filter(q -> !(q instanceof Qualifier.Latest));
        FunctionArn arn = FunctionArn.of(settings.region(), settings.account(), function.name());
        String resource = qualifier.map(arn::withQualifier).orElse(arn).toString();
        try {
            var policy = control.permissions().policyFor(function.name(), qualifier);
            AccessRequest request = new AccessRequest("lambda:InvokeFunction", resource, Optional.empty(),
                    Optional.empty(), Optional.of(PRINCIPAL), Map.of("aws:SourceArn", sourceArn,
                    "aws:SourceAccount", settings.account().toString()));
            return PolicyEngine.evaluate(request, List.of(), policy).allowed();
        } catch (MalformedPolicyException e) {
            return false;
        }
    }
}
