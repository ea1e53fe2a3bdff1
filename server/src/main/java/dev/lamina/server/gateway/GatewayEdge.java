package dev.lamina.server.gateway;

import dev.lamina.control.ControlPlane;
import dev.lamina.gateway.Gateway;
import dev.lamina.gateway.GatewayContext;
import dev.lamina.gateway.GatewaySettings;
import dev.lamina.gateway.api.GatewayOperations;
import dev.lamina.invoke.Invoker;
import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.server.auth.AccessKeys;
import dev.lamina.server.auth.PolicyAuthorizer;
import dev.lamina.server.http.FrontDoors;
import dev.lamina.server.auth.SigV4Verifier;
import dev.lamina.server.http.RestJsonProtocol;
import dev.lamina.server.http.RestJsonService;
import dev.lamina.server.http.ServiceModel;
import dev.lamina.store.Store;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The gateway module as the edge serves it, wired once by {@code Main}: the front doors (function
 * URLs, execute-api) and API Gateway's control planes (apigateway, apigatewayv2) over rest-json.
 */
public record GatewayEdge(Gateway gateway, FrontDoors frontDoors, RestJsonProtocol controlPlanes) {
    /** What API Gateway's management APIs, v1 and v2, are signed for. */
    public static final String SIGNING_NAME = "apigateway";

    public static GatewayEdge wire(Region region, AccountId account, Store store, ControlPlane control, Invoker invoker,
                                   AccessKeys keys, PolicyAuthorizer authorizer, Clock clock) {
        FrontSignatures signatures = new FrontSignatures(keys, authorizer, region, account, clock);
        Gateway gateway = new Gateway(new GatewayContext(new GatewaySettings(region, account), store, control, invoker,
                signatures, clock));
        RestJsonProtocol controlPlanes = new RestJsonProtocol(List.of(
                service("/v2/", gateway.httpApis()), service("/", gateway.restApis())),
                new SigV4Verifier(keys, region.name(), SIGNING_NAME, clock), authorizer, region);
        return new GatewayEdge(gateway, new FrontDoors(gateway.functionUrls(), gateway.executeApi(), clock),
                controlPlanes);
    }

    /** A control plane as the rest-json codec serves it, with the model it names, loaded once. */
    public static RestJsonService service(String pathPrefix, GatewayOperations operations) {
        ServiceModel model = ServiceModel.load(operations.getClass().getClassLoader(), operations.modelResource(),
                Optional.empty());
        return RestJsonService.of(pathPrefix, model, new RestJsonService.Operations(operations.operations(),
                operations::resource, operations::handle));
    }
}
