package dev.lamina.server.lambda;

import dev.lamina.invoke.Provisioner;
import dev.lamina.model.ProvisionedConcurrencyConfig;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

/** GetProvisionedConcurrencyConfig: {@code GET /2019-09-30/functions/{FunctionName}/provisioned-concurrency?Qualifier=…}. */
record GetProvisionedConcurrencyConfig(LambdaApi api, Provisioner provisioner) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        ProvisionedConcurrencyConfig config = api.control().provisionedConcurrency()
                .get(api.unqualifiedFunction(request), ProvisionedConcurrencyShapes.qualifier(api, request));
        return LambdaApi.ok(ProvisionedConcurrencyShapes.config(config, provisioner.status(config)));
    }
}
