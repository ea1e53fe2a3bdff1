package dev.lamina.server.lambda;

import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.io.IOException;

/**
 * UpdateFunctionUrlConfig: {@code PUT /2021-10-31/functions/{FunctionName}/url}. Changes the members
 * given (a Cors given replaces the whole Cors); the URL serves the new settings from its next request.
 */
record UpdateFunctionUrlConfig(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        Violations v = new Violations();
        Fields f = new Fields(Json.readObject(request.body()));
        FunctionUrlConfigShapes.Settings s = FunctionUrlConfigShapes.settings(f, v, false);
        FunctionUrlConfigShapes.Target t = FunctionUrlConfigShapes.target(api, request, v);
        var c = api.control().functionUrls().update(t.function(), t.alias(), s.authType(), s.cors(), s.invokeMode());
        return LambdaApi.ok(FunctionUrlConfigShapes.config(c, request.callerHost(), api.region().name(), false, true));
    }
}
