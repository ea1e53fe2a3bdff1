package dev.lamina.server.lambda;

import dev.lamina.events.esm.EventSourceMappings;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

/**
 * DeleteEventSourceMapping: {@code DELETE /2015-03-31/event-source-mappings/{UUID}}, 202 with the
 * mapping Deleting; it is gone once its poller has stopped.
 */
record DeleteEventSourceMapping(EventSourceMappings mappings) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        return MappingShapes.accepted(mappings.delete(request.pathParam("UUID")));
    }
}
