package dev.lamina.server.lambda;

import dev.lamina.events.esm.EventSourceMappings;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.io.IOException;

/** CreateEventSourceMapping: {@code POST /2015-03-31/event-source-mappings}, 202 with the mapping Creating. */
record CreateEventSourceMapping(EventSourceMappings mappings) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        var input = MappingFields.parse(new Fields(Json.readObject(request.body())), true);
        return MappingShapes.accepted(mappings.create(input));
    }
}
