package dev.lamina.server.lambda;

import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

import java.io.IOException;

/**
 * UpdateFunctionEventInvokeConfig: {@code POST /2019-09-25/functions/{FunctionName}/event-invoke-config}.
 * Changes only the options given.
 */
record UpdateFunctionEventInvokeConfig(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        var function = api.unqualifiedFunction(request);
        var qualifier = api.qualifier(request);
        var settings = EventInvokeConfigShapes.settings(request);
        var config = api.control().eventInvokeConfigs().update(function, qualifier, settings);
        return LambdaApi.ok(EventInvokeConfigShapes.config(api, config));
    }
}
