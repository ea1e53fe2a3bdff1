package dev.lamina.server.lambda;

import dev.lamina.events.AsyncInvocations;
import dev.lamina.invoke.Invoker;
import dev.lamina.model.FunctionRef;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.io.IOException;
import java.util.Optional;

/**
 * InvokeAsync (deprecated by AWS, still used by old tools): {@code POST /2014-11-13/functions/{FunctionName}/invoke-async}.
 * The body is the event; it is handled as an Invoke with InvocationType Event, and answered 202
 * {@code {"Status": 202}}.
 */
record InvokeAsync(LambdaApi api, Invoker invoker, AsyncInvocations async) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        FunctionRef ref = api.functionRef(request);
        return Invoke.accept(api, invoker, async, request, ref, Optional.empty(), Invoke.payload(request),
                ApiResponse.json(202, Json.bytes(Json.object().put("Status", 202))));
    }
}
