package dev.lamina.server.lambda;

import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

/** GetFunctionUrlConfig: {@code GET /2021-10-31/functions/{FunctionName}/url}. */
record GetFunctionUrlConfig(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        FunctionUrlConfigShapes.Target t = FunctionUrlConfigShapes.target(api, request, new Violations());
        var c = api.control().functionUrls().get(t.function(), t.alias());
        return LambdaApi.ok(FunctionUrlConfigShapes.config(c, request.callerHost(), api.region().name(), true, true));
    }
}
