package dev.lamina.server.lambda;

import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

/** DeleteFunctionUrlConfig: {@code DELETE /2021-10-31/functions/{FunctionName}/url}, 204. */
record DeleteFunctionUrlConfig(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        FunctionUrlConfigShapes.Target t = FunctionUrlConfigShapes.target(api, request, new Violations());
        api.control().functionUrls().delete(t.function(), t.alias());
        return ApiResponse.empty(204);
    }
}
