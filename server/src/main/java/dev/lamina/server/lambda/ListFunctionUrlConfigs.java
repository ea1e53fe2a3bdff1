package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

/** ListFunctionUrlConfigs: {@code GET /2021-10-31/functions/{FunctionName}/urls} (Marker, MaxItems 1 to 50). */
record ListFunctionUrlConfigs(LambdaApi api) implements Operation {
    /** The model's MaxItems for this operation. */
    static final int MAX_ITEMS = 50;

    @Override
    public ApiResponse handle(ApiRequest request) {
        var function = api.unqualifiedFunction(request);
        var maxItems = api.maxItems(request);
        Violations v = new Violations();
        maxItems.ifPresent(n -> v.max("maxItems", n, MAX_ITEMS));
        v.throwIfAny();
        var page = api.control().functionUrls().list(function, request.queryParam("Marker"), maxItems);
        ObjectNode o = Json.object();
        ArrayNode items = o.putArray("FunctionUrlConfigs");
        page.items().forEach(c -> items.add(FunctionUrlConfigShapes.config(c, request.callerHost(),
                api.region().name(), true, true)));
        page.nextMarker().ifPresent(m -> o.put("NextMarker", m));
        return LambdaApi.ok(o);
    }
}
