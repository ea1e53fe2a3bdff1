package dev.lamina.server.lambda;

import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** TagResource: {@code POST /2017-03-31/tags/{Resource}}, 204. */
record TagResource(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        Fields f = new Fields(Json.readObject(request.body()));
        Violations v = new Violations();
        Optional<Map<String, String>> tags = f.stringMap("Tags");
        v.required("tags", tags.orElse(null));
        v.throwIfAny();
        api.control().tags().tag(request.pathParam("Resource"), tags.get());
        return ApiResponse.empty(204);
    }
}
