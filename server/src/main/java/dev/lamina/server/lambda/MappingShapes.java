package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.events.esm.Mapping;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;

/**
 * The EventSourceMappingConfiguration shape: the mapping's settings as its source kind echoes them
 * (MappingConfig's document, the API's member names), with its id, state and status. LastModified
 * is epoch seconds, as the rest-json protocol writes timestamps.
 */
final class MappingShapes {
    private MappingShapes() {
    }

    static ObjectNode configuration(Mapping m) {
        ObjectNode o = Json.object();
        o.put("UUID", m.uuid());
        ObjectNode settings = m.config().toJson();
        settings.remove("Enabled");
        settings.remove("SourceKind");
        o.setAll(settings);
        o.put("LastModified", m.lastModified().toEpochMilli() / 1000.0);
        o.put("LastProcessingResult", m.lastProcessingResult());
        o.put("State", m.state().wire());
        o.put("StateTransitionReason", m.stateTransitionReason());
        o.put("EventSourceMappingArn", m.arn());
        return o;
    }

    static ApiResponse accepted(Mapping m) {
        return ApiResponse.json(202, Json.bytes(configuration(m)));
    }
}
