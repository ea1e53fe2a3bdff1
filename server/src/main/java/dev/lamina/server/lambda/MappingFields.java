package dev.lamina.server.lambda;

import dev.lamina.events.esm.MappingConfig;
import dev.lamina.events.esm.MappingInput;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The members of CreateEventSourceMapping and UpdateEventSourceMapping, checked against the
 * model's constraints (lambda-2015-03-31: ranges, patterns, enums) with every violation reported at
 * once. Members the model has but Lamina does not act on (Tags, Queues, MetricsConfig, …) are accepted
 * and ignored.
 */
final class MappingFields {
    static final String FUNCTION_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
            + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";
    static final String ARN_PATTERN = "arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)";
    private static final String DESTINATION_PATTERN = "$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):"
            + "([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)";
    private static final String URI_PATTERN = "[a-zA-Z0-9-\\/*:_+=.@-]*";
    private static final String TOPIC_PATTERN = "^[^.]([a-zA-Z0-9\\-_.]+)";
    private static final List<String> POSITIONS = List.of("TRIM_HORIZON", "LATEST", "AT_TIMESTAMP");
    private static final List<String> RESPONSE_TYPES = List.of("ReportBatchItemFailures");
    private static final List<String> ACCESS_TYPES = List.of("BASIC_AUTH", "VPC_SUBNET", "VPC_SECURITY_GROUP",
            "SASL_SCRAM_512_AUTH", "SASL_SCRAM_256_AUTH", "VIRTUAL_HOST", "CLIENT_CERTIFICATE_TLS_AUTH",
            "SERVER_ROOT_CA_CERTIFICATE");

    private MappingFields() {
    }

    /** @param create CreateEventSourceMapping (FunctionName required, the source's members read) */
    static MappingInput parse(Fields f, boolean create) {
        Violations v = new Violations();
        Optional<String> function = f.string("FunctionName");
        if (create) {
            v.required("functionName", function.orElse(null));
        }
        function.ifPresent(n -> {
            v.length("functionName", n, 1, 256);
            v.pattern("functionName", n, FUNCTION_PATTERN);
        });
        Optional<String> source = create ? f.string("EventSourceArn") : Optional.empty();
        source.ifPresent(a -> v.pattern("eventSourceArn", a, ARN_PATTERN));
        Optional<Integer> batch = range(v, f, "BatchSize", "batchSize", 1, 10000);
        Optional<Integer> window = range(v, f, "MaximumBatchingWindowInSeconds", "maximumBatchingWindowInSeconds", 0, 300);
        Optional<Integer> parallelization = range(v, f, "ParallelizationFactor", "parallelizationFactor", 1, 10);
        Optional<String> position = create ? f.string("StartingPosition") : Optional.empty();
        position.ifPresent(p -> v.oneOf("startingPosition", p, POSITIONS));
        Optional<Instant> timestamp = create ? f.number("StartingPositionTimestamp")
                .map(s -> Instant.ofEpochMilli(Math.round(s * 1000))) : Optional.empty();
        Optional<List<String>> filters = f.object("FilterCriteria").map(c -> {
            List<String> patterns = new ArrayList<>();
            c.objects("Filters").orElse(List.of()).forEach(filter -> filter.string("Pattern").ifPresent(p -> {
                v.length("filterCriteria.filters.member.pattern", p, 0, 4096);
                patterns.add(p);
            }));
            return patterns;
        });
        Optional<Fields> destinations = f.object("DestinationConfig");
        boolean onSuccess = destinations.flatMap(d -> d.object("OnSuccess")).flatMap(s -> s.string("Destination"))
                .filter(s -> !s.isEmpty()).isPresent();
        Optional<Optional<String>> onFailure = destinations.map(d -> d.object("OnFailure")
                .flatMap(o -> o.string("Destination")).filter(s -> !s.isEmpty()));
        onFailure.flatMap(o -> o).ifPresent(d -> {
            v.length("destinationConfig.onFailure.destination", d, 0, 350);
            v.pattern("destinationConfig.onFailure.destination", d, DESTINATION_PATTERN);
        });
        Optional<Integer> age = range(v, f, "MaximumRecordAgeInSeconds", "maximumRecordAgeInSeconds", -1, 604800);
        Optional<Boolean> bisect = f.bool("BisectBatchOnFunctionError");
        Optional<Integer> retries = range(v, f, "MaximumRetryAttempts", "maximumRetryAttempts", -1, 10000);
        Optional<Integer> tumbling = range(v, f, "TumblingWindowInSeconds", "tumblingWindowInSeconds", 0, 900);
        Optional<List<String>> topics = create ? f.strings("Topics") : Optional.empty();
        topics.ifPresent(t -> {
            if (t.isEmpty() || t.size() > 1) {
                v.add("topics", t, "Member must have length " + (t.isEmpty() ? "greater than or equal to 1"
                        : "less than or equal to 1"));
            }
            t.forEach(topic -> {
                v.length("topics.member", topic, 1, 249);
                v.pattern("topics.member", topic, TOPIC_PATTERN);
            });
        });
        Optional<List<MappingConfig.SourceAccess>> access = f.objects("SourceAccessConfigurations").map(list -> {
            if (list.size() > 22) {
                v.add("sourceAccessConfigurations", list.size(), "Member must have length less than or equal to 22");
            }
            List<MappingConfig.SourceAccess> out = new ArrayList<>();
            for (Fields item : list) {
                String type = item.string("Type").orElse("");
                String uri = item.string("URI").orElse("");
                v.oneOf("sourceAccessConfigurations.member.type", type, ACCESS_TYPES);
                v.length("sourceAccessConfigurations.member.uRI", uri, 1, 200);
                v.pattern("sourceAccessConfigurations.member.uRI", uri, URI_PATTERN);
                out.add(new MappingConfig.SourceAccess(type, uri));
            }
            return out;
        });
        Optional<Map<String, List<String>>> endpoints = create ? f.object("SelfManagedEventSource")
                .flatMap(s -> s.stringListMap("Endpoints")) : Optional.empty();
        endpoints.ifPresent(e -> e.keySet().forEach(k -> v.oneOf("selfManagedEventSource.endpoints.key", k,
                List.of("KAFKA_BOOTSTRAP_SERVERS"))));
        Optional<String> group = create ? f.object("SelfManagedKafkaEventSourceConfig")
                .flatMap(c -> c.string("ConsumerGroupId")) : Optional.empty();
        group.ifPresent(g -> {
            v.length("selfManagedKafkaEventSourceConfig.consumerGroupId", g, 1, 200);
            v.pattern("selfManagedKafkaEventSourceConfig.consumerGroupId", g, URI_PATTERN);
        });
        Optional<List<String>> responseTypes = f.strings("FunctionResponseTypes");
        responseTypes.ifPresent(types -> {
            if (types.size() > 1) {
                v.add("functionResponseTypes", types, "Member must have length less than or equal to 1");
            }
            types.forEach(t -> v.oneOf("functionResponseTypes.member", t, RESPONSE_TYPES));
        });
        Optional<Optional<Integer>> concurrency = f.object("ScalingConfig").map(s -> {
            Optional<Integer> c = s.integer("MaximumConcurrency");
            c.ifPresent(n -> {
                v.min("scalingConfig.maximumConcurrency", n, 2);
                v.max("scalingConfig.maximumConcurrency", n, 1000);
            });
            return c;
        });
        Optional<String> kms = f.string("KMSKeyArn");
        kms.ifPresent(k -> v.pattern("kMSKeyArn", k, "(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()"));
        Optional<Boolean> enabled = f.bool("Enabled");
        v.throwIfAny();
        return new MappingInput(function, source, enabled, batch, window, position, timestamp, filters, responseTypes,
                concurrency, onFailure, onSuccess, retries, age, bisect, parallelization, tumbling, topics, access,
                endpoints, group, kms.filter(k -> !k.isEmpty()));
    }

    private static Optional<Integer> range(Violations v, Fields f, String name, String member, int min, int max) {
        Optional<Integer> value = f.integer(name);
        value.ifPresent(n -> {
            v.min(member, n, min);
            v.max(member, n, max);
        });
        return value;
    }
}
