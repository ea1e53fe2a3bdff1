package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.events.esm.EventSourceMappings;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.util.Optional;

/**
 * ListEventSourceMappings: {@code GET /2015-03-31/event-source-mappings}, filtered by EventSourceArn
 * and FunctionName, at most 100 per page (Marker, MaxItems).
 */
record ListEventSourceMappings(LambdaApi api, EventSourceMappings mappings) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        Optional<String> source = request.queryParam("EventSourceArn");
        Optional<String> function = request.queryParam("FunctionName");
        Violations v = new Violations();
        source.ifPresent(s -> v.pattern("eventSourceArn", s, MappingFields.ARN_PATTERN));
        function.ifPresent(n -> {
            v.length("functionName", n, 1, 256);
            v.pattern("functionName", n, MappingFields.FUNCTION_PATTERN);
        });
        v.throwIfAny();
        EventSourceMappings.Page page = mappings.list(source, function, request.queryParam("Marker"),
                api.maxItems(request));
        ObjectNode o = Json.object();
        page.nextMarker().ifPresent(m -> o.put("NextMarker", m));
        ArrayNode list = o.putArray("EventSourceMappings");
        page.mappings().forEach(m -> list.add(MappingShapes.configuration(m)));
        return LambdaApi.ok(o);
    }
}
