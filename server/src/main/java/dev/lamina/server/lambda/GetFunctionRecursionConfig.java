package dev.lamina.server.lambda;

import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

/** GetFunctionRecursionConfig: {@code GET /2024-08-31/functions/{FunctionName}/recursion-config}. */
record GetFunctionRecursionConfig(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        var loop = api.control().recursionConfigs().get(api.unqualifiedFunction(request));
        return LambdaApi.ok(Json.object().put("RecursiveLoop", loop.wire()));
    }
}
