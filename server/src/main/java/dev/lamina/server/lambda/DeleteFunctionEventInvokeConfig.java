package dev.lamina.server.lambda;

import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

/** DeleteFunctionEventInvokeConfig: {@code DELETE /2019-09-25/functions/{FunctionName}/event-invoke-config}. */
record DeleteFunctionEventInvokeConfig(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        api.control().eventInvokeConfigs().delete(api.unqualifiedFunction(request), api.qualifier(request));
        return ApiResponse.empty(204);
    }
}
