package dev.lamina.server.lambda;

import dev.lamina.control.FunctionUpdates;
import dev.lamina.model.FunctionName;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.io.IOException;
import java.util.Optional;

/** PublishVersion: {@code POST /2015-03-31/functions/{FunctionName}/versions}, 201. */
record PublishVersion(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        FunctionName name = api.unqualifiedFunction(request);
        Fields f = new Fields(Json.readObject(request.body()));
        Violations v = new Violations();
        Optional<String> description = f.string("Description");
        description.ifPresent(d -> v.length("description", d, 0, 256));
        Optional<String> codeSha256 = f.string("CodeSha256");
        Optional<String> revisionId = f.string("RevisionId");
        v.throwIfAny();
        return LambdaApi.created(api.configuration(api.control().updates().publish(
                new FunctionUpdates.Publish(name, codeSha256, description, revisionId))));
    }
}
