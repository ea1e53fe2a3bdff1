package dev.lamina.server.lambda;

import dev.lamina.model.FunctionRef;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

/**
 * GetPolicy: {@code GET /2015-03-31/functions/{FunctionName}/policy}: the resource-based policy of
 * the function, version or alias, as JSON text, with its RevisionId.
 */
record GetPolicy(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        FunctionRef ref = api.functionRef(request);
        var policy = api.control().permissions().get(ref.name(), ref.qualifierWith(api.qualifier(request)));
        return LambdaApi.ok(Json.object().put("Policy", policy.policy()).put("RevisionId", policy.revisionId()));
    }
}
