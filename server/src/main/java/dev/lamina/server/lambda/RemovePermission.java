package dev.lamina.server.lambda;

import dev.lamina.model.FunctionRef;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

/**
 * RemovePermission: {@code DELETE /2015-03-31/functions/{FunctionName}/policy/{StatementId}}, 204;
 * {@code RevisionId} in the query.
 */
record RemovePermission(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        FunctionRef ref = api.functionRef(request);
        var qualifier = ref.qualifierWith(api.qualifier(request));
        String sid = request.pathParam("StatementId");
        Violations v = new Violations();
        v.length("statementId", sid, 1, 100);
        v.pattern("statementId", sid, "([a-zA-Z0-9-_.]+)");
        v.throwIfAny();
        api.control().permissions().remove(ref.name(), qualifier, sid, request.queryParam("RevisionId"));
        return ApiResponse.empty(204);
    }
}
