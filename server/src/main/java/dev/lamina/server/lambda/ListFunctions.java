package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.control.Page;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.LambdaException;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

/**
 * ListFunctions: {@code GET /2015-03-31/functions}, $LATEST of each function, or every version with
 * {@code FunctionVersion=ALL}; at most 50 per page.
 */
record ListFunctions(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        boolean all = false;
        if (request.queryParam("FunctionVersion").isPresent()) {
            Violations v = new Violations();
            v.oneOf("functionVersion", request.queryParam("FunctionVersion").get(), java.util.List.of("ALL"));
            v.throwIfAny();
            all = true;
        }
        if (request.queryParam("MasterRegion").isPresent()) {
            throw LambdaException.invalidParameter("Lamina has no Lambda@Edge functions: MasterRegion is not supported.");
        }
        Page<FunctionVersion> page = api.control().functions().list(all, request.queryParam("Marker"),
                api.maxItems(request));
        ObjectNode o = Json.object();
        page.nextMarker().ifPresent(m -> o.put("NextMarker", m));
        ArrayNode functions = o.putArray("Functions");
        for (FunctionVersion v : page.items()) {
            functions.add(all ? Shapes.functionConfiguration(v, api.arn(v.functionName()).withQualifier(v.version()))
                    : api.configuration(v));
        }
        return LambdaApi.ok(o);
    }
}
