package dev.lamina.server.lambda;

import dev.lamina.invoke.Provisioner;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Operation;

/**
 * DeleteProvisionedConcurrencyConfig: {@code DELETE /2019-09-30/functions/{FunctionName}/provisioned-concurrency?Qualifier=…};
 * the environments it kept are shut down in the background.
 */
record DeleteProvisionedConcurrencyConfig(LambdaApi api, Provisioner provisioner) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        api.control().provisionedConcurrency().delete(api.unqualifiedFunction(request),
                ProvisionedConcurrencyShapes.qualifier(api, request));
        provisioner.changed();
        return ApiResponse.empty(204);
    }
}
