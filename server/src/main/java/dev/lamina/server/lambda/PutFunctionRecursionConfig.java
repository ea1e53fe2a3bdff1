package dev.lamina.server.lambda;

import dev.lamina.model.FunctionName;
import dev.lamina.model.RecursiveLoop;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * PutFunctionRecursionConfig: {@code PUT /2024-08-31/functions/{FunctionName}/recursion-config}.
 * Lamina detects loops along chains of asynchronous destinations; see COMPATIBILITY.md.
 */
record PutFunctionRecursionConfig(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        FunctionName name = api.unqualifiedFunction(request);
        Optional<String> value = new Fields(Json.readObject(request.body())).string("RecursiveLoop");
        Violations v = new Violations();
        v.required("recursiveLoop", value.orElse(null));
        value.ifPresent(s -> v.oneOf("recursiveLoop", s, Arrays.stream(RecursiveLoop.values()).map(RecursiveLoop::wire)
                .toList()));
        v.throwIfAny();
        RecursiveLoop stored = api.control().recursionConfigs().put(name, RecursiveLoop.parse(value.get()).orElseThrow());
        return LambdaApi.ok(Json.object().put("RecursiveLoop", stored.wire()));
    }
}
