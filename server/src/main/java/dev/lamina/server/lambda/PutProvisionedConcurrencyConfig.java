package dev.lamina.server.lambda;

import dev.lamina.invoke.Provisioner;
import dev.lamina.model.FunctionName;
import dev.lamina.model.ProvisionedConcurrencyConfig;
import dev.lamina.model.Qualifier;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.io.IOException;
import java.util.Optional;

/**
 * PutProvisionedConcurrencyConfig: {@code PUT /2019-09-30/functions/{FunctionName}/provisioned-concurrency?Qualifier=…}.
 * Stores the request and answers 202 at once; the environments are initialised in the background
 * (Status IN_PROGRESS, then READY or FAILED).
 */
record PutProvisionedConcurrencyConfig(LambdaApi api, Provisioner provisioner) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        FunctionName function = api.unqualifiedFunction(request);
        Qualifier qualifier = ProvisionedConcurrencyShapes.qualifier(api, request);
        Fields f = new Fields(Json.readObject(request.body()));
        Optional<Integer> requested = f.integer("ProvisionedConcurrentExecutions");
        Violations v = new Violations();
        v.required("provisionedConcurrentExecutions", requested.orElse(null));
        requested.ifPresent(n -> v.min("provisionedConcurrentExecutions", n, 1));
        v.throwIfAny();
        ProvisionedConcurrencyConfig config = api.control().provisionedConcurrency()
                .put(function, qualifier, requested.get());
        provisioner.changed();
        return ApiResponse.json(202, Json.bytes(ProvisionedConcurrencyShapes.config(config,
                provisioner.status(config))));
    }
}
