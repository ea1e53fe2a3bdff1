package dev.lamina.server.lambda;

import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

/** DeleteFunctionConcurrency: {@code DELETE /2017-10-31/functions/{FunctionName}/concurrency}, 204. */
final class DeleteFunctionConcurrency implements Operation {
    private final LambdaApi api;

    DeleteFunctionConcurrency(LambdaApi api) {
        this.api = api;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        api.control().account().removeReservation(api.unqualifiedFunction(request));
        return ApiResponse.empty(204);
    }
}
