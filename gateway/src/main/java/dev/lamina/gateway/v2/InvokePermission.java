package dev.lamina.gateway.v2;

import dev.lamina.control.ControlPlane;
import dev.lamina.gateway.api.ApiGatewayPermission;
import dev.lamina.gateway.GatewaySettings;
import dev.lamina.model.FunctionRef;


/**
 * An HTTP API's execute-api ARNs (of a route, an authorizer, a request) and whether the function's
 * policy lets API Gateway invoke it for one ({@link ApiGatewayPermission}; not even quick create adds
 * that permission).
 */
final class InvokePermission {
    private final ControlPlane control;
    private final GatewaySettings settings;

    InvokePermission(ControlPlane control, GatewaySettings settings) {
        this.control = control;
        this.settings = settings;
    }

    boolean allows(FunctionRef function, String sourceArn) {
        return ApiGatewayPermission.allows(control, settings, function, sourceArn);
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
