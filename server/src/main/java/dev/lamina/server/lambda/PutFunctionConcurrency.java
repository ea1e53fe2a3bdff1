package dev.lamina.server.lambda;

import dev.lamina.model.FunctionName;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.io.IOException;
import java.util.Optional;

/**
 * PutFunctionConcurrency: {@code PUT /2017-10-31/functions/{FunctionName}/concurrency}. Stored and
 * reported; enforcement arrives with the environment pool.
 */
record PutFunctionConcurrency(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        FunctionName name = api.unqualifiedFunction(request);
        Fields f = new Fields(Json.readObject(request.body()));
        Violations v = new Violations();
        Optional<Integer> reserved = f.integer("ReservedConcurrentExecutions");
        v.required("reservedConcurrentExecutions", reserved.orElse(null));
        reserved.ifPresent(r -> v.min("reservedConcurrentExecutions", r, 0));
        v.throwIfAny();
        int stored = api.control().account().reserve(name, reserved.get());
        return LambdaApi.ok(Json.object().put("ReservedConcurrentExecutions", stored));
    }
}
