package dev.lamina.server.lambda;

import dev.lamina.model.Alias;
import dev.lamina.model.FunctionName;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** CreateAlias: {@code POST /2015-03-31/functions/{FunctionName}/aliases}, 201. */
record CreateAlias(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        FunctionName function = api.unqualifiedFunction(request);
        Fields f = new Fields(Json.readObject(request.body()));
        Violations v = new Violations();
        Optional<String> name = f.string("Name");
        v.required("name", name.orElse(null));
        Optional<String> version = AliasFields.functionVersion(f, v);
        v.required("functionVersion", version.orElse(null));
        Optional<String> description = AliasFields.description(f, v);
        Optional<Map<String, Double>> weights = AliasFields.weights(f, v);
        v.throwIfAny();
        Alias alias = api.control().aliases().create(function, AliasFields.name(name.get(), v), version.get(),
                description.orElse(""), weights.orElse(Map.of()));
        return LambdaApi.created(Shapes.aliasConfiguration(alias, api.arn(function).withQualifier(alias.name())));
    }
}
