package dev.lamina.server.lambda;

import dev.lamina.events.esm.EventSourceMappings;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

/** GetEventSourceMapping: {@code GET /2015-03-31/event-source-mappings/{UUID}}. */
record GetEventSourceMapping(EventSourceMappings mappings) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        return ApiResponse.json(200, Json.bytes(MappingShapes.configuration(mappings.get(request.pathParam("UUID")))));
    }
}
