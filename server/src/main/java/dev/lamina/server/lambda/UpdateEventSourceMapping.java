package dev.lamina.server.lambda;

import dev.lamina.events.esm.EventSourceMappings;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.io.IOException;

/** UpdateEventSourceMapping: {@code PUT /2015-03-31/event-source-mappings/{UUID}}, 202 with the new state. */
record UpdateEventSourceMapping(EventSourceMappings mappings) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        var input = MappingFields.parse(new Fields(Json.readObject(request.body())), false);
        return MappingShapes.accepted(mappings.update(request.pathParam("UUID"), input));
    }
}
