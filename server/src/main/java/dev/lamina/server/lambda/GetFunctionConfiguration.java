package dev.lamina.server.lambda;

import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

/** GetFunctionConfiguration: {@code GET /2015-03-31/functions/{FunctionName}/configuration}. */
record GetFunctionConfiguration(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        return LambdaApi.ok(api.configuration(
                api.control().functions().get(api.functionRef(request), api.qualifier(request))));
    }
}
