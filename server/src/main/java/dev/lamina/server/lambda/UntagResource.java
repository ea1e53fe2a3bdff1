package dev.lamina.server.lambda;

import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

import java.util.List;

/** UntagResource: {@code DELETE /2017-03-31/tags/{Resource}?tagKeys=..}, 204. */
record UntagResource(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        List<String> keys = request.queryParams("tagKeys");
        Violations v = new Violations();
        v.required("tagKeys", keys.isEmpty() ? null : keys);
        v.throwIfAny();
        api.control().tags().untag(request.pathParam("Resource"), keys);
        return ApiResponse.empty(204);
    }
}
