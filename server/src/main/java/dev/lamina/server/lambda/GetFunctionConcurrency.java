package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

/**
 * GetFunctionConcurrency: {@code GET /2019-09-30/functions/{FunctionName}/concurrency}; an empty
 * document when nothing is reserved, as on AWS.
 */
record GetFunctionConcurrency(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        ObjectNode o = Json.object();
        api.control().account().reservation(api.unqualifiedFunction(request))
                .ifPresent(n -> o.put("ReservedConcurrentExecutions", n));
        return LambdaApi.ok(o);
    }
}
