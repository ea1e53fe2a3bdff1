package dev.lamina.events.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A mapping's settings after validation and Lambda's defaults: what the API echoes and what the
 * poller is made from. Stored as {@link #toJson()} (the API's member names, so the document is
 * also the body of the answer's settings), read back with {@link #fromJson}.
 *
 * @param functionArn   the function's full ARN, qualified when the request named a version or alias
 * @param sourceKind    which kind of source this is (decides defaults and what is echoed)
 */
public record MappingConfig(String functionArn, SourceKind sourceKind, Optional<String> eventSourceArn, boolean enabled,
                            int batchSize, int maximumBatchingWindowInSeconds, Optional<String> startingPosition,
                            Optional<Instant> startingPositionTimestamp, Optional<List<String>> filterPatterns,
                            List<String> functionResponseTypes, Optional<Integer> maximumConcurrency,
                            Optional<String> onFailureDestination, Optional<Integer> maximumRetryAttempts,
                            Optional<Integer> maximumRecordAgeInSeconds, Optional<Boolean> bisectBatchOnFunctionError,
                            Optional<Integer> parallelizationFactor, Optional<Integer> tumblingWindowInSeconds,
                            List<String> topics, List<SourceAccess> sourceAccess, Map<String, List<String>> endpoints,
                            Optional<String> consumerGroupId, Optional<String> kmsKeyArn) {

    /** One SourceAccessConfigurations item. */
    public record SourceAccess(String type, String uri) {
    }

    /** The kinds of source Lamina tells apart by ARN (or SelfManagedEventSource). */
    public enum SourceKind {
        SQS, KINESIS, DYNAMODB_STREAMS, SELF_MANAGED_KAFKA;

        /** Streams: Kinesis and DynamoDB Streams (StartingPosition, retries, bisection, …). */
        public boolean stream() {
            return this == KINESIS || this == DYNAMODB_STREAMS;
        }
    }

    public MappingConfig {
        Objects.requireNonNull(functionArn);
        Objects.requireNonNull(sourceKind);
        Objects.requireNonNull(eventSourceArn);
        Objects.requireNonNull(startingPosition);
        Objects.requireNonNull(startingPositionTimestamp);
        filterPatterns = filterPatterns.map(List::copyOf);
        functionResponseTypes = List.copyOf(functionResponseTypes);
        Objects.requireNonNull(maximumConcurrency);
        Objects.requireNonNull(onFailureDestination);
        Objects.requireNonNull(maximumRetryAttempts);
        Objects.requireNonNull(maximumRecordAgeInSeconds);
        Objects.requireNonNull(bisectBatchOnFunctionError);
        Objects.requireNonNull(parallelizationFactor);
        Objects.requireNonNull(tumblingWindowInSeconds);
        topics = List.copyOf(topics);
        sourceAccess = List.copyOf(sourceAccess);
        endpoints = Map.copyOf(endpoints);
        Objects.requireNonNull(consumerGroupId);
        Objects.requireNonNull(kmsKeyArn);
    }

    public boolean reportBatchItemFailures() {
        return functionResponseTypes.contains("ReportBatchItemFailures");
    }

    /** The settings as the API's members (FunctionArn, EventSourceArn, BatchSize, …), without the mapping's status. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        startingPosition.ifPresent(p -> o.put("StartingPosition", p));
        startingPositionTimestamp.ifPresent(t -> o.put("StartingPositionTimestamp", t.toEpochMilli() / 1000.0));
        o.put("BatchSize", batchSize);
        o.put("MaximumBatchingWindowInSeconds", maximumBatchingWindowInSeconds);
        parallelizationFactor.ifPresent(p -> o.put("ParallelizationFactor", p));
        eventSourceArn.ifPresent(a -> o.put("EventSourceArn", a));
        filterPatterns.ifPresent(patterns -> {
            ArrayNode filters = o.putObject("FilterCriteria").putArray("Filters");
            patterns.forEach(p -> filters.addObject().put("Pattern", p));
        });
        o.put("FunctionArn", functionArn);
        if (sourceKind != SourceKind.SQS) {
            ObjectNode onFailure = o.putObject("DestinationConfig").putObject("OnFailure");
            onFailureDestination.ifPresent(d -> onFailure.put("Destination", d));
        }
        if (!topics.isEmpty()) {
            topics.forEach(o.putArray("Topics")::add);
        }
        if (!sourceAccess.isEmpty()) {
            ArrayNode list = o.putArray("SourceAccessConfigurations");
            sourceAccess.forEach(s -> list.addObject().put("Type", s.type()).put("URI", s.uri()));
        }
        if (!endpoints.isEmpty()) {
            ObjectNode e = o.putObject("SelfManagedEventSource").putObject("Endpoints");
            endpoints.forEach((k, v) -> v.forEach(e.withArray(k)::add));
        }
        maximumRecordAgeInSeconds.ifPresent(v -> o.put("MaximumRecordAgeInSeconds", v));
        bisectBatchOnFunctionError.ifPresent(v -> o.put("BisectBatchOnFunctionError", v));
        maximumRetryAttempts.ifPresent(v -> o.put("MaximumRetryAttempts", v));
        tumblingWindowInSeconds.ifPresent(v -> o.put("TumblingWindowInSeconds", v));
        ArrayNode types = o.putArray("FunctionResponseTypes");
        functionResponseTypes.forEach(types::add);
        consumerGroupId.ifPresent(g -> o.putObject("SelfManagedKafkaEventSourceConfig").put("ConsumerGroupId", g));
        maximumConcurrency.ifPresent(c -> o.putObject("ScalingConfig").put("MaximumConcurrency", c));
        kmsKeyArn.ifPresent(k -> o.put("KMSKeyArn", k));
        o.put("Enabled", enabled); // not an answer member; the edge leaves it out
        o.put("SourceKind", sourceKind.name()); // Lamina's own; the edge leaves it out
        return o;
    }

    /** Reads a document {@link #toJson()} wrote. */
    public static MappingConfig fromJson(JsonNode o) {
        List<String> patterns = null;
        if (o.has("FilterCriteria")) {
            patterns = new ArrayList<>();
            for (JsonNode f : o.path("FilterCriteria").path("Filters")) {
                patterns.add(f.path("Pattern").asText());
            }
        }
        List<SourceAccess> access = new ArrayList<>();
        for (JsonNode s : o.path("SourceAccessConfigurations")) {
            access.add(new SourceAccess(s.path("Type").asText(), s.path("URI").asText()));
        }
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        o.path("SelfManagedEventSource").path("Endpoints").properties()
                .forEach(e -> endpoints.put(e.getKey(), strings(e.getValue())));
        return new MappingConfig(o.path("FunctionArn").asText(), SourceKind.valueOf(o.path("SourceKind").asText()),
                text(o, "EventSourceArn"), o.path("Enabled").asBoolean(true), o.path("BatchSize").asInt(),
                o.path("MaximumBatchingWindowInSeconds").asInt(), text(o, "StartingPosition"),
                o.has("StartingPositionTimestamp")
                        ? Optional.of(Instant.ofEpochMilli(Math.round(o.get("StartingPositionTimestamp").asDouble() * 1000)))
                        : Optional.empty(),
                Optional.ofNullable(patterns), strings(o.path("FunctionResponseTypes")),
                integer(o.path("ScalingConfig"), "MaximumConcurrency"),
                text(o.path("DestinationConfig").path("OnFailure"), "Destination"),
                integer(o, "MaximumRetryAttempts"), integer(o, "MaximumRecordAgeInSeconds"),
                o.has("BisectBatchOnFunctionError") ? Optional.of(o.get("BisectBatchOnFunctionError").asBoolean())
                        : Optional.empty(),
                integer(o, "ParallelizationFactor"), integer(o, "TumblingWindowInSeconds"), strings(o.path("Topics")),
                access, endpoints, text(o.path("SelfManagedKafkaEventSourceConfig"), "ConsumerGroupId"),
                text(o, "KMSKeyArn"));
    }

    private static Optional<String> text(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static Optional<Integer> integer(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asInt());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
