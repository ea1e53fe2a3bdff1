package dev.lamina.server.lambda;

import dev.lamina.model.Alias;
import dev.lamina.model.FunctionName;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

/** GetAlias: {@code GET /2015-03-31/functions/{FunctionName}/aliases/{Name}}. */
record GetAlias(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        FunctionName function = api.unqualifiedFunction(request);
        Alias alias = api.control().aliases().get(function, AliasFields.name(request.pathParam("Name"), new Violations()));
        return LambdaApi.ok(Shapes.aliasConfiguration(alias, api.arn(function).withQualifier(alias.name())));
    }
}
