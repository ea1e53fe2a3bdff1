package dev.lamina.server.lambda;

import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

/**
 * DeleteFunction: {@code DELETE /2015-03-31/functions/{FunctionName}}. Answers 204, as AWS does in
 * practice (the model says 200; clients accept both).
 */
record DeleteFunction(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        api.control().functions().delete(api.functionRef(request), api.qualifier(request));
        return ApiResponse.empty(204);
    }
}
