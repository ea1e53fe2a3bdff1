package dev.lamina.events.esm.kinesis;

import dev.lamina.events.esm.MappingSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Kinesis mapping settings for tests: Lambda's defaults, changed field by field. */
final class Mapping {
    static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:consumer";
    static final String ROLE = "arn:aws:iam::000000000000:role/consumer-role";

    String arn;
    int batchSize = 100;
    Duration window = Duration.ZERO;
    String startingPosition = "TRIM_HORIZON";
    Optional<Instant> timestamp = Optional.empty();
    boolean reportBatchItemFailures;
    int maximumRetryAttempts = -1;
    Optional<Duration> maximumRecordAge = Optional.empty();
    boolean bisect;
    int parallelizationFactor = 1;
    Optional<String> onFailure = Optional.empty();

    Mapping(String arn) {
        this.arn = arn;
    }

    MappingSettings build() {
        return new MappingSettings(UUID.randomUUID().toString(), Optional.of(arn), FUNCTION, ROLE, "us-east-1", batchSize,
                window, Optional.of(startingPosition), timestamp, List.of(), reportBatchItemFailures, Optional.empty(),
                maximumRetryAttempts, maximumRecordAge, bisect, parallelizationFactor, onFailure, Optional.empty(),
                List.of(), List.of(), Optional.empty());
    }
}
