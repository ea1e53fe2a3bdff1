package dev.lamina.gateway.api;

import dev.lamina.control.ControlPlane;
import dev.lamina.control.ServicePermission;
import dev.lamina.gateway.GatewaySettings;
import dev.lamina.model.FunctionRef;

/**
 * Whether API Gateway may invoke a function (an integration or an authorizer, of an HTTP API or a
 * REST API): as on AWS, the function's resource-based policy (for the qualifier invoked) must allow
 * the service principal {@code apigateway.amazonaws.com} {@code lambda:InvokeFunction}, under its
 * conditions ({@code AWS:SourceArn} the execute-api ARN, {@code AWS:SourceAccount} the account). API
 * Gateway adds no such permission itself: {@code lambda add-permission} does. ({@link ServicePermission}
 * decides, for any service.)
 */
public final class ApiGatewayPermission {
    public static final String PRINCIPAL = "apigateway.amazonaws.com";

    private ApiGatewayPermission() {
    }

    /** False too when the policy cannot be read: API Gateway answers as for a missing permission. */
    public static boolean allows(ControlPlane control, GatewaySettings settings, FunctionRef function,
                                 String sourceArn) {
        return ServicePermission.allows(control, settings.region(), settings.account(), PRINCIPAL, function, sourceArn);
    }
}
