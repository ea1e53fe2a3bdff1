package dev.lamina.server.lambda;

import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

/** GetFunctionEventInvokeConfig: {@code GET /2019-09-25/functions/{FunctionName}/event-invoke-config}. */
record GetFunctionEventInvokeConfig(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        var config = api.control().eventInvokeConfigs().get(api.unqualifiedFunction(request), api.qualifier(request));
        return LambdaApi.ok(EventInvokeConfigShapes.config(api, config));
    }
}
