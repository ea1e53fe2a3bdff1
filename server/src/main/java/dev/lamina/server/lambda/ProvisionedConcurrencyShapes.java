package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.invoke.Provisioner;
import dev.lamina.model.ProvisionedConcurrencyConfig;
import dev.lamina.model.Qualifier;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.Json;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What the provisioned-concurrency operations share: the required Qualifier and the response shape. */
final class ProvisionedConcurrencyShapes {
    /** The LastModified of these shapes, as AWS's documentation shows it: {@code 2019-12-31T20:28:49+0000}. */
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);

    private ProvisionedConcurrencyShapes() {
    }

    /** The Qualifier query parameter, which these operations require. */
    static Qualifier qualifier(LambdaApi api, ApiRequest request) {
        var q = api.qualifier(request);
        if (q.isEmpty()) {
            Violations v = new Violations();
            v.required("qualifier", null);
            v.throwIfAny();
        }
        return q.get();
    }

    /** Put/GetProvisionedConcurrencyConfigResponse, and the list item without its FunctionArn. */
    static ObjectNode config(ProvisionedConcurrencyConfig config, Provisioner.Status status) {
        ObjectNode o = Json.object();
        o.put("RequestedProvisionedConcurrentExecutions", config.requested());
        o.put("AvailableProvisionedConcurrentExecutions", status.available());
        o.put("AllocatedProvisionedConcurrentExecutions", status.allocated());
        o.put("Status", status.status());
        status.reason().ifPresent(r -> o.put("StatusReason", r));
        o.put("LastModified", LAST_MODIFIED.format(config.lastModified()));
        return o;
    }
}
