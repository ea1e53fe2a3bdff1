package dev.lamina.events.esm;

import dev.lamina.events.esm.MappingConfig.SourceKind;
import dev.lamina.model.AccountId;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Region;
import dev.lamina.sqs.QueueInfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a request into a mapping's settings: Lambda's defaults per source, then every rule that
 * relates members to each other and to the source, with AWS's errors. Pure: nothing is read but
 * what it is given, nothing is changed.
 */
final class MappingRules {
    static final int SQS_DEFAULT_BATCH = 10;
    static final int STREAM_DEFAULT_BATCH = 100;
    static final int KAFKA_DEFAULT_BATCH = 100;
    static final int SQS_FIFO_MAX_BATCH = 10;
    static final int SQS_MAX_BATCH_WITHOUT_WINDOW = 10;

    private static final Pattern SQS_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:sqs:([a-z0-9-]+):(\\d{12}):([a-zA-Z0-9_-]{1,80}(\\.fifo)?)");
    private static final Pattern KINESIS_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:kinesis:([a-z0-9-]+):(\\d{12}):stream/[a-zA-Z0-9_.-]{1,128}(/consumer/.+)?");
    private static final Pattern DYNAMODB_STREAM_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:dynamodb:([a-z0-9-]+):(\\d{12}):table/[a-zA-Z0-9_.-]{3,255}/stream/.+");
    private static final Pattern DESTINATION_QUEUE = SQS_ARN;

    private final Region region;
    private final AccountId account;

    MappingRules(Region region, AccountId account) {
        this.region = region;
        this.account = account;
    }

    /** Which kind of source a request names; refused when Lamina cannot read it. */
    SourceKind kind(MappingInput in) {
        if (in.endpoints().isPresent()) {
            if (in.eventSourceArn().isPresent()) {
                throw invalid("Unrecognized event source.");
            }
            return SourceKind.SELF_MANAGED_KAFKA;
        }
        String arn = in.eventSourceArn().orElseThrow(() -> invalid("Unrecognized event source."));
        Matcher m;
        SourceKind kind;
        if ((m = SQS_ARN.matcher(arn)).matches()) {
            kind = SourceKind.SQS;
        } else if ((m = KINESIS_ARN.matcher(arn)).matches()) {
            kind = SourceKind.KINESIS;
        } else if ((m = DYNAMODB_STREAM_ARN.matcher(arn)).matches()) {
            kind = SourceKind.DYNAMODB_STREAMS;
        } else {
            throw invalid("Unrecognized event source.");
        }
        if (!m.group(1).equals(region.name()) || !m.group(2).equals(account.id())) {
            throw invalid("The event source " + arn + " is not in this region and account (Lamina serves "
                    + region.name() + " and " + account.id() + ").");
        }
        return kind;
    }

    /**
     * The settings of a new mapping (when {@code base} is empty) or of an updated one.
     *
     * @param functionArn the function's ARN as the mapping will name it
     * @param queue       for SQS: the queue, as it is now (empty when it does not exist)
     * @param uuid        the mapping's id (Kafka's default consumer group)
     */
    MappingConfig resolve(MappingInput in, Optional<MappingConfig> base, SourceKind kind, String functionArn,
                          int functionTimeout, Optional<QueueInfo> queue, String uuid) {
        if (in.onSuccessDestinationGiven()) {
            throw unsupported("DestinationConfig");
        }
        boolean fifo = queue.map(QueueInfo::fifo).orElse(false);
        int batch = in.batchSize().orElse(base.map(MappingConfig::batchSize).orElse(switch (kind) {
            case SQS -> SQS_DEFAULT_BATCH;
            case KINESIS, DYNAMODB_STREAMS -> STREAM_DEFAULT_BATCH;
            case SELF_MANAGED_KAFKA -> KAFKA_DEFAULT_BATCH;
        }));
        int window = in.maximumBatchingWindowInSeconds()
                .orElse(base.map(MappingConfig::maximumBatchingWindowInSeconds).orElse(0));
        Optional<String> start = base.isPresent() ? base.get().startingPosition() : in.startingPosition();
        var timestamp = base.isPresent() ? base.get().startingPositionTimestamp() : in.startingPositionTimestamp();
        Optional<List<String>> filters = in.filterPatterns().or(() -> base.flatMap(MappingConfig::filterPatterns));
        filters.ifPresent(patterns -> patterns.forEach(p -> {
            if (RecordFilter.invalid(p).isPresent()) {
                throw invalid("Invalid filter pattern definition.");
            }
        }));
        List<String> responseTypes = in.functionResponseTypes()
                .orElse(base.map(MappingConfig::functionResponseTypes).orElse(List.of()));
        Optional<Integer> concurrency = in.maximumConcurrency().isPresent() ? in.maximumConcurrency().get()
                : base.flatMap(MappingConfig::maximumConcurrency);
        Optional<String> onFailure = in.onFailureDestination().isPresent() ? in.onFailureDestination().get()
                : base.flatMap(MappingConfig::onFailureDestination);
        onFailure.ifPresent(d -> {
            if (!DESTINATION_QUEUE.matcher(d).matches()) {
                throw invalid("The destination ARN " + d + " is invalid: Lamina sends a mapping's discarded batches to"
                        + " SQS queues only.");
            }
        });

        if (kind == SourceKind.SQS) {
            for (var member : List.<Map.Entry<String, Optional<?>>>of(Map.entry("ParallelizationFactor", in.parallelizationFactor()),
                    Map.entry("MaximumRetryAttempts", in.maximumRetryAttempts()),
                    Map.entry("MaximumRecordAgeInSeconds", in.maximumRecordAgeInSeconds()),
                    Map.entry("BisectBatchOnFunctionError", in.bisectBatchOnFunctionError()),
                    Map.entry("TumblingWindowInSeconds", in.tumblingWindowInSeconds()),
                    Map.entry("DestinationConfig", in.onFailureDestination()),
                    Map.entry("Topics", in.topics()))) {
                if (member.getValue().isPresent()) {
                    throw unsupported(member.getKey());
                }
            }
            if (in.startingPosition().isPresent() || in.startingPositionTimestamp().isPresent()) {
                throw invalid("StartingPosition is not valid for SQS event sources.");
            }
            if (queue.isEmpty()) {
                throw invalid("Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue."
                        + " SQS Error Message: The specified queue does not exist or you do not have access to it.");
            }
            if (fifo && batch > SQS_FIFO_MAX_BATCH) {
                throw invalid("BatchSize " + batch + " exceeds the maximum of " + SQS_FIFO_MAX_BATCH
                        + " for FIFO queues.");
            }
            if (fifo && window > 0) {
                throw invalid("MaximumBatchingWindowInSeconds is not supported for FIFO queues.");
            }
            if (batch > SQS_MAX_BATCH_WITHOUT_WINDOW && window == 0) {
                throw invalid("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
            }
            long visibility = queue.get().visibilityTimeout().toSeconds();
            if (visibility < functionTimeout) {
                throw invalid("Queue visibility timeout: " + visibility + " seconds is less than Function timeout: "
                        + functionTimeout + " seconds");
            }
            return new MappingConfig(functionArn, kind, in.eventSourceArn().or(() -> base.flatMap(MappingConfig::eventSourceArn)),
                    enabled(in, base), batch, window, Optional.empty(), Optional.empty(), filters, responseTypes,
                    concurrency, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), List.of(), List.of(), Map.of(), Optional.empty(),
                    in.kmsKeyArn().or(() -> base.flatMap(MappingConfig::kmsKeyArn)));
        }
        if (concurrency.isPresent()) {
            throw unsupported("ScalingConfig");
        }
        if (start.isEmpty()) {
            throw invalid("1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint:"
                    + " Member must not be null.");
        }
        // AT_TIMESTAMP: Kinesis and Kafka (AWS added it for Kafka sources in 2023); not DynamoDB Streams.
        if (start.get().equals("AT_TIMESTAMP") && kind == SourceKind.DYNAMODB_STREAMS) {
            throw invalid("Unsupported starting position for arn type: " + in.eventSourceArn()
                    .or(() -> base.flatMap(MappingConfig::eventSourceArn)).orElse("self-managed Kafka"));
        }
        if (start.get().equals("AT_TIMESTAMP") && timestamp.isEmpty()) {
            throw invalid("StartingPositionTimestamp must be set when StartingPosition is AT_TIMESTAMP.");
        }
        if (kind == SourceKind.SELF_MANAGED_KAFKA) {
            Map<String, List<String>> endpoints = base.map(MappingConfig::endpoints).orElseGet(() -> in.endpoints().orElseThrow());
            if (endpoints.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", List.of()).isEmpty()) {
                throw invalid("The KAFKA_BOOTSTRAP_SERVERS endpoint must be set in SelfManagedEventSource.Endpoints.");
            }
            List<String> topics = base.map(MappingConfig::topics).orElseGet(() -> in.topics().orElse(List.of()));
            if (topics.isEmpty()) {
                throw invalid("Topics must be set for a self-managed Apache Kafka event source.");
            }
            return new MappingConfig(functionArn, kind, Optional.empty(), enabled(in, base), batch, window, start,
                    timestamp, filters, responseTypes, Optional.empty(), onFailure, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), topics,
                    in.sourceAccess().orElse(base.map(MappingConfig::sourceAccess).orElse(List.of())), endpoints,
                    base.flatMap(MappingConfig::consumerGroupId).or(in::consumerGroupId).or(() -> Optional.of(uuid)),
                    in.kmsKeyArn().or(() -> base.flatMap(MappingConfig::kmsKeyArn)));
        }
        return new MappingConfig(functionArn, kind, in.eventSourceArn().or(() -> base.flatMap(MappingConfig::eventSourceArn)),
                enabled(in, base), batch, window, start, timestamp, filters, responseTypes, Optional.empty(), onFailure,
                Optional.of(pick(in.maximumRetryAttempts(), base, MappingConfig::maximumRetryAttempts, -1)),
                Optional.of(pick(in.maximumRecordAgeInSeconds(), base, MappingConfig::maximumRecordAgeInSeconds, -1)),
                Optional.of(pick(in.bisectBatchOnFunctionError(), base, MappingConfig::bisectBatchOnFunctionError, false)),
                Optional.of(pick(in.parallelizationFactor(), base, MappingConfig::parallelizationFactor, 1)),
                Optional.of(pick(in.tumblingWindowInSeconds(), base, MappingConfig::tumblingWindowInSeconds, 0)),
                List.of(), List.of(), Map.of(), Optional.empty(),
                in.kmsKeyArn().or(() -> base.flatMap(MappingConfig::kmsKeyArn)));
    }

    private static boolean enabled(MappingInput in, Optional<MappingConfig> base) {
        return in.enabled().orElse(base.map(MappingConfig::enabled).orElse(true));
    }

    private static <T> T pick(Optional<T> given, Optional<MappingConfig> base, Function<MappingConfig, Optional<T>> old,
                              T fallback) {
        return given.or(() -> base.flatMap(old)).orElse(fallback);
    }

    static LambdaException invalid(String message) {
        return LambdaException.invalidParameter(message);
    }

    private static LambdaException unsupported(String member) {
        return invalid("Unsupported " + member + " parameter for given event source mapping type.");
    }

    static LambdaException inUse(String verb) {
        return new LambdaException(ErrorCode.RESOURCE_IN_USE, "Cannot " + verb
                + " the event source mapping because it is in use.");
    }
}
