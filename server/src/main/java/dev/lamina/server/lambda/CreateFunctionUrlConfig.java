package dev.lamina.server.lambda;

import dev.lamina.control.FunctionUrlConfig;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.io.IOException;

/**
 * CreateFunctionUrlConfig: {@code POST /2021-10-31/functions/{FunctionName}/url}, 201. One URL per
 * function and alias; a second is ResourceConflictException.
 */
record CreateFunctionUrlConfig(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        Violations v = new Violations();
        Fields f = new Fields(Json.readObject(request.body()));
        FunctionUrlConfigShapes.Settings s = FunctionUrlConfigShapes.settings(f, v, true);
        FunctionUrlConfigShapes.Target t = FunctionUrlConfigShapes.target(api, request, v);
        FunctionUrlConfig c = api.control().functionUrls().create(t.function(), t.alias(), s.authType().orElseThrow(),
                s.cors(), s.invokeMode());
        return LambdaApi.created(FunctionUrlConfigShapes.config(c, request.callerHost(), api.region().name(), false,
                false));
    }
}
