package dev.lamina.server.lambda;

import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

/** DeleteAlias: {@code DELETE /2015-03-31/functions/{FunctionName}/aliases/{Name}}, 204. */
record DeleteAlias(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        api.control().aliases().delete(api.unqualifiedFunction(request),
                AliasFields.name(request.pathParam("Name"), new Violations()));
        return ApiResponse.empty(204);
    }
}
