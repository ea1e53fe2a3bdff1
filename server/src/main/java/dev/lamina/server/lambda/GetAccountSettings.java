package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.control.Account;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

/** GetAccountSettings: {@code GET /2016-08-19/account-settings}: the limits and this server's real usage. */
record GetAccountSettings(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) {
        Account.Settings s = api.control().account().settings();
        ObjectNode o = Json.object();
        o.putObject("AccountLimit")
                .put("TotalCodeSize", s.totalCodeSizeLimit())
                .put("CodeSizeUnzipped", s.codeSizeUnzippedLimit())
                .put("CodeSizeZipped", s.codeSizeZippedLimit())
                .put("ConcurrentExecutions", s.concurrentExecutions())
                .put("UnreservedConcurrentExecutions", s.unreservedConcurrentExecutions());
        o.putObject("AccountUsage")
                .put("TotalCodeSize", s.totalCodeSize())
                .put("FunctionCount", s.functionCount());
        return LambdaApi.ok(o);
    }
}
