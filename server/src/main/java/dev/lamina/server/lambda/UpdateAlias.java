package dev.lamina.server.lambda;

import dev.lamina.control.Aliases;
import dev.lamina.model.Alias;
import dev.lamina.model.FunctionName;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.io.IOException;

/** UpdateAlias: {@code PUT /2015-03-31/functions/{FunctionName}/aliases/{Name}}. */
record UpdateAlias(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        FunctionName function = api.unqualifiedFunction(request);
        Violations v = new Violations();
        var name = AliasFields.name(request.pathParam("Name"), v);
        Fields f = new Fields(Json.readObject(request.body()));
        var update = new Aliases.Update(AliasFields.functionVersion(f, v), AliasFields.description(f, v),
                AliasFields.weights(f, v), f.string("RevisionId"));
        v.throwIfAny();
        Alias alias = api.control().aliases().update(function, name, update);
        return LambdaApi.ok(Shapes.aliasConfiguration(alias, api.arn(function).withQualifier(alias.name())));
    }
}
