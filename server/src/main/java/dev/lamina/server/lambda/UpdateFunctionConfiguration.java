package dev.lamina.server.lambda;

import dev.lamina.control.ConfigPatch;
import dev.lamina.model.FunctionName;
import dev.lamina.model.LambdaException;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.io.IOException;
import java.util.Optional;

/** UpdateFunctionConfiguration: {@code PUT /2015-03-31/functions/{FunctionName}/configuration}. */
record UpdateFunctionConfiguration(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        FunctionName name = api.unqualifiedFunction(request);
        Fields f = new Fields(Json.readObject(request.body()));
        Violations v = new Violations();
        if (f.has("Architectures")) {
            // Not a member of this operation: AWS changes the architecture through UpdateFunctionCode.
            throw LambdaException.invalidParameter("Architectures can be changed only with UpdateFunctionCode.");
        }
        ConfigPatch patch = ConfigParser.parse(f, v);
        Optional<String> revisionId = f.string("RevisionId");
        v.throwIfAny();
        return LambdaApi.ok(api.configuration(api.control().updates().updateConfiguration(name, patch, revisionId)));
    }
}
