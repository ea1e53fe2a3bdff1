package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

/** ListTags: {@code GET /2017-03-31/tags/{Resource}}. */
record ListTags(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        ObjectNode o = Json.object();
        ObjectNode tags = o.putObject("Tags");
        api.control().tags().list(request.pathParam("Resource")).forEach(tags::put);
        return LambdaApi.ok(o);
    }
}
