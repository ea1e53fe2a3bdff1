package dev.lamina.server.lambda;

import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

/** DeleteFunctionConcurrency: {@code DELETE /2017-10-31/functions/{FunctionName}/concurrency}, 204. */
record DeleteFunctionConcurrency(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        api.control().account().removeReservation(api.unqualifiedFunction(request));
        return ApiResponse.empty(204);
    }
}
