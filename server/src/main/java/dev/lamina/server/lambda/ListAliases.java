package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.control.Page;
import dev.lamina.model.Alias;
import dev.lamina.model.FunctionName;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.util.Optional;

/** ListAliases: {@code GET /2015-03-31/functions/{FunctionName}/aliases}, optionally for one version. */
record ListAliases(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        FunctionName function = api.unqualifiedFunction(request);
        Optional<String> version = request.queryParam("FunctionVersion");
        Violations v = new Violations();
        version.ifPresent(s -> v.pattern("functionVersion", s, AliasFields.VERSION_PATTERN));
        v.throwIfAny();
        Page<Alias> page = api.control().aliases().list(function, version, request.queryParam("Marker"),
                api.maxItems(request));
        ObjectNode o = Json.object();
        page.nextMarker().ifPresent(m -> o.put("NextMarker", m));
        ArrayNode aliases = o.putArray("Aliases");
        page.items().forEach(a -> aliases.add(Shapes.aliasConfiguration(a, api.arn(function).withQualifier(a.name()))));
        return LambdaApi.ok(o);
    }
}
