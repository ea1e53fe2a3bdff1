package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.control.Page;
import dev.lamina.invoke.Provisioner;
import dev.lamina.model.FunctionName;
import dev.lamina.model.ProvisionedConcurrencyConfig;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

/** ListProvisionedConcurrencyConfigs: {@code GET /2019-09-30/functions/{FunctionName}/provisioned-concurrency?List=ALL}. */
record ListProvisionedConcurrencyConfigs(LambdaApi api, Provisioner provisioner) implements Operation {
    /** The model's MaxProvisionedConcurrencyConfigListItems. */
    static final int MAX_ITEMS = 50;

    @Override
    public ApiResponse handle(ApiRequest request) {
        FunctionName function = api.unqualifiedFunction(request);
        var maxItems = api.maxItems(request);
        Violations v = new Violations();
        maxItems.ifPresent(n -> v.max("maxItems", n, MAX_ITEMS));
        v.throwIfAny();
        Page<ProvisionedConcurrencyConfig> page = api.control().provisionedConcurrency()
                .list(function, request.queryParam("Marker"), maxItems);
        ObjectNode o = Json.object();
        ArrayNode items = o.putArray("ProvisionedConcurrencyConfigs");
        for (ProvisionedConcurrencyConfig c : page.items()) {
            ObjectNode item = Json.object();
            item.put("FunctionArn", api.arn(function).withQualifier(c.qualifier()).toString());
            item.setAll(ProvisionedConcurrencyShapes.config(c, provisioner.status(c)));
            items.add(item);
        }
        page.nextMarker().ifPresent(m -> o.put("NextMarker", m));
        return LambdaApi.ok(o);
    }
}
