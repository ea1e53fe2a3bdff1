package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.control.Page;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionVersion;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

/**
 * ListVersionsByFunction: {@code GET /2015-03-31/functions/{FunctionName}/versions}. Every entry's
 * FunctionArn is qualified by its version, $LATEST included, as on AWS.
 */
record ListVersionsByFunction(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        FunctionName name = api.unqualifiedFunction(request);
        Page<FunctionVersion> page = api.control().updates().listVersions(name, request.queryParam("Marker"),
                api.maxItems(request));
        ObjectNode o = Json.object();
        page.nextMarker().ifPresent(m -> o.put("NextMarker", m));
        ArrayNode versions = o.putArray("Versions");
        page.items().forEach(v -> versions.add(
                Shapes.functionConfiguration(v, api.arn(v.functionName()).withQualifier(v.version()))));
        return LambdaApi.ok(o);
    }
}
