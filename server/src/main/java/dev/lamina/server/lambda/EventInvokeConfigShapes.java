package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.control.EventInvokeConfigs;
import dev.lamina.model.EventInvokeConfig;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.Json;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;

/** What the event-invoke-config operations share: parsing the settings and the response shape. */
final class EventInvokeConfigShapes {
    private static final String DESTINATION_PATTERN = "$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*)"
            + ":([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)";

    private EventInvokeConfigShapes() {
    }

    /** The request body's settings, checked against the model's constraints. */
    static EventInvokeConfigs.Settings settings(ApiRequest request) throws IOException {
        Fields f = new Fields(Json.readObject(request.body()));
        Violations v = new Violations();
        Optional<Integer> retries = f.integer("MaximumRetryAttempts");
        retries.ifPresent(n -> {
            v.min("maximumRetryAttempts", n, 0);
            v.max("maximumRetryAttempts", n, 2);
        });
        Optional<Integer> age = f.integer("MaximumEventAgeInSeconds");
        age.ifPresent(n -> {
            v.min("maximumEventAgeInSeconds", n, 60);
            v.max("maximumEventAgeInSeconds", n, 21600);
        });
        Optional<Fields> destinations = f.object("DestinationConfig");
        Optional<String> onSuccess = destination(destinations, "OnSuccess", v);
        Optional<String> onFailure = destination(destinations, "OnFailure", v);
        v.throwIfAny();
        return new EventInvokeConfigs.Settings(optional(retries), optional(age), onSuccess, onFailure);
    }

    private static Optional<String> destination(Optional<Fields> config, String member, Violations v) {
        Optional<String> arn = config.flatMap(c -> c.object(member)).flatMap(d -> d.string("Destination"))
                .filter(s -> !s.isEmpty());
        arn.ifPresent(a -> {
            v.length("destinationConfig." + member.substring(0, 1).toLowerCase() + member.substring(1) + ".destination",
                    a, 0, 350);
            v.pattern("destinationConfig." + member.substring(0, 1).toLowerCase() + member.substring(1) + ".destination",
                    a, DESTINATION_PATTERN);
        });
        return arn;
    }

    private static OptionalInt optional(Optional<Integer> value) {
        return value.map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** FunctionEventInvokeConfig: LastModified in epoch seconds, as the model's timestamp. */
    static ObjectNode config(LambdaApi api, EventInvokeConfig c) {
        ObjectNode o = Json.object();
        o.put("LastModified", BigDecimal.valueOf(c.lastModified().toEpochMilli(), 3));
        o.put("FunctionArn", api.arn(c.function()).withQualifier(c.qualifier()).toString());
        c.maximumRetryAttempts().ifPresent(n -> o.put("MaximumRetryAttempts", n));
        c.maximumEventAgeInSeconds().ifPresent(n -> o.put("MaximumEventAgeInSeconds", n));
        ObjectNode destinations = o.putObject("DestinationConfig");
        ObjectNode success = destinations.putObject("OnSuccess");
        c.onSuccess().ifPresent(d -> success.put("Destination", d));
        ObjectNode failure = destinations.putObject("OnFailure");
        c.onFailure().ifPresent(d -> failure.put("Destination", d));
        return o;
    }
}
