package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

/** ListFunctionEventInvokeConfigs: {@code GET /2019-09-25/functions/{FunctionName}/event-invoke-config/list}. */
record ListFunctionEventInvokeConfigs(LambdaApi api) implements Operation {
    /** The model's MaxFunctionEventInvokeConfigListItems. */
    static final int MAX_ITEMS = 50;

    @Override
    public ApiResponse handle(ApiRequest request) {
        var function = api.unqualifiedFunction(request);
        var maxItems = api.maxItems(request);
        Violations v = new Violations();
        maxItems.ifPresent(n -> v.max("maxItems", n, MAX_ITEMS));
        v.throwIfAny();
        var page = api.control().eventInvokeConfigs().list(function, request.queryParam("Marker"), maxItems);
        ObjectNode o = Json.object();
        ArrayNode items = o.putArray("FunctionEventInvokeConfigs");
        page.items().forEach(c -> items.add(EventInvokeConfigShapes.config(api, c)));
        page.nextMarker().ifPresent(m -> o.put("NextMarker", m));
        return LambdaApi.ok(o);
    }
}
