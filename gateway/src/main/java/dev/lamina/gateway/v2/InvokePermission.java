package dev.lamina.gateway.v2;

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
 * Whether API Gateway may invoke a function for a request: as on AWS, the function's resource-based
 * policy (for the qualifier invoked) must allow the service principal {@code apigateway.amazonaws.com}
 * {@code lambda:InvokeFunction}, under its conditions ({@code AWS:SourceArn} is the execute-api ARN of
 * the route or of the authorizer, {@code AWS:SourceAccount} the account). API Gateway adds no such
 * permission itself, not even for quick create: {@code lambda add-permission} does.
 */
final class InvokePermission {
    static final String PRINCIPAL = "apigateway.amazonaws.com";

    private final ControlPlane control;
    private final GatewaySettings settings;

    InvokePermission(ControlPlane control, GatewaySettings settings) {
        this.control = control;
        this.settings = settings;
    }

    boolean allows(FunctionRef function, String sourceArn) {
        Optional<Qualifier> qualifier = function.qualifier().filter(q -> !(q instanceof Qualifier.Latest));
        FunctionArn arn = FunctionArn.of(settings.region(), settings.account(), function.name());
        String resource = qualifier.map(q -> arn.withQualifier(q).toString()).orElse(arn.toString());
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

    /** {@code arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path>}, or {@code …/$default}. */
    String routeArn(String apiId, String stage, String method, RouteKey key) {
        return base(apiId) + stage + (key.isDefault() ? "/$default" : "/" + method + key.path());
    }

    /** {@code arn:aws:execute-api:<region>:<account>:<api-id>/authorizers/<authorizer-id>}. */
    String authorizerArn(String apiId, String authorizerId) {
        return base(apiId) + "authorizers/" + authorizerId;
    }

    /** The ARN a Lambda authorizer sees as routeArn / methodArn: the request's own method and path. */
    String requestArn(String apiId, String stage, String method, String path) {
        return base(apiId) + stage + "/" + method + path;
    }

    private String base(String apiId) {
        return "arn:aws:execute-api:" + settings.region() + ":" + settings.account() + ":" + apiId + "/";
    }
}
