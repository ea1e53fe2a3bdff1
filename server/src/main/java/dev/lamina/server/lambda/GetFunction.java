package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.control.FunctionDetails;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

/**
 * GetFunction: {@code GET /2015-03-31/functions/{FunctionName}}: the configuration, a presigned
 * download URL for the package, the tags and the reserved concurrency.
 */
record GetFunction(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        FunctionDetails details = api.control().functions().get(api.functionRef(request), api.qualifier(request));
        ObjectNode o = Json.object();
        o.set("Configuration", api.configuration(details));
        o.putObject("Code")
                .put("RepositoryType", "S3")
                .put("Location", api.locations().url(request.callerHost(), details.version().code().digest()));
        if (!details.function().tags().isEmpty()) {
            ObjectNode tags = o.putObject("Tags");
            details.function().tags().forEach(tags::put);
        }
        details.function().reservedConcurrency().ifPresent(n ->
                o.putObject("Concurrency").put("ReservedConcurrentExecutions", n));
        return LambdaApi.ok(o);
    }
}
