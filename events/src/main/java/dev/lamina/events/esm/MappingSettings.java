package dev.lamina.events.esm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One event source mapping's settings, validated, as a poller reads them (the Lambda API's names).
 *
 * @param uuid                      the mapping's id
 * @param eventSourceArn            the queue's or stream's ARN; empty for self-managed Kafka
 * @param functionArn               the function's ARN as the mapping names it (qualified when a version or alias was given)
 * @param functionRoleArn           the function's execution role (Kinesis records' invokeIdentityArn)
 * @param region                    the region records name (awsRegion)
 * @param batchSize                 records per invocation at most
 * @param maximumBatchingWindow     how long a poller may gather records before invoking (zero: at once)
 * @param startingPosition          TRIM_HORIZON, LATEST or AT_TIMESTAMP (streams and Kafka)
 * @param filterPatterns            FilterCriteria's patterns (EventBridge pattern language); a record matching none is dropped
 * @param reportBatchItemFailures   FunctionResponseTypes has ReportBatchItemFailures
 * @param maximumConcurrency        SQS ScalingConfig.MaximumConcurrency (2–1000)
 * @param maximumRetryAttempts      streams: retries of a failing batch, -1 for until it expires
 * @param maximumRecordAge          streams: records older than this are discarded; empty for no limit (-1)
 * @param parallelizationFactor     streams: concurrent batches per shard (1–10)
 * @param onFailureDestinationArn   streams and Kafka: the SQS queue (ARN) told about discarded batches
 * @param tumblingWindow            streams: TumblingWindowInSeconds, when set
 * @param topics                    Kafka: the topic (one)
 * @param kafkaBootstrapServers     self-managed Kafka: KAFKA_BOOTSTRAP_SERVERS
 * @param consumerGroupId           Kafka: SelfManagedKafkaEventSourceConfig.ConsumerGroupId (default: the UUID)
 */
public record MappingSettings(String uuid, Optional<String> eventSourceArn, String functionArn, String functionRoleArn,
                              String region, int batchSize, Duration maximumBatchingWindow,
                              Optional<String> startingPosition, Optional<Instant> startingPositionTimestamp,
                              List<String> filterPatterns, boolean reportBatchItemFailures,
                              Optional<Integer> maximumConcurrency, int maximumRetryAttempts,
                              Optional<Duration> maximumRecordAge, boolean bisectBatchOnFunctionError,
                              int parallelizationFactor, Optional<String> onFailureDestinationArn,
                              Optional<Duration> tumblingWindow, List<String> topics,
                              List<String> kafkaBootstrapServers, Optional<String> consumerGroupId) {
    public MappingSettings {
        Objects.requireNonNull(uuid);
        Objects.requireNonNull(eventSourceArn);
        Objects.requireNonNull(functionArn);
        Objects.requireNonNull(functionRoleArn);
        Objects.requireNonNull(region);
        Objects.requireNonNull(maximumBatchingWindow);
        Objects.requireNonNull(startingPosition);
        Objects.requireNonNull(startingPositionTimestamp);
        filterPatterns = List.copyOf(filterPatterns);
        Objects.requireNonNull(maximumConcurrency);
        Objects.requireNonNull(maximumRecordAge);
        Objects.requireNonNull(onFailureDestinationArn);
        Objects.requireNonNull(tumblingWindow);
        topics = List.copyOf(topics);
        kafkaBootstrapServers = List.copyOf(kafkaBootstrapServers);
        Objects.requireNonNull(consumerGroupId);
    }

    /** Whether the source is a Kinesis stream. */
    public boolean kinesis() {
        return eventSourceArn.map(a -> a.startsWith("arn:aws:kinesis:")).orElse(false);
    }

    /** Whether the source is an SQS queue. */
    public boolean sqs() {
        return eventSourceArn.map(a -> a.startsWith("arn:aws:sqs:")).orElse(false);
    }

    /** Whether the source is a self-managed Kafka cluster. */
    public boolean selfManagedKafka() {
        return !kafkaBootstrapServers.isEmpty();
    }
}
