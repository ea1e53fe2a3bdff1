package dev.lamina.events.esm;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a CreateEventSourceMapping or UpdateEventSourceMapping request gives, checked against the
 * model's constraints by the edge (types, ranges, patterns, enums) but not yet against each other
 * or against the source. Members the request left out are empty; Update carries only the members
 * its operation has.
 *
 * @param functionName         FunctionName as given (a name, a partial or full ARN, optionally qualified)
 * @param filterPatterns       FilterCriteria.Filters[].Pattern; present and empty for {@code "FilterCriteria": {}}
 * @param maximumConcurrency   ScalingConfig.MaximumConcurrency; present and empty for {@code "ScalingConfig": {}}
 * @param onFailureDestination DestinationConfig.OnFailure.Destination; present and empty for a DestinationConfig without one
 * @param sourceAccess         SourceAccessConfigurations as (Type, URI) pairs
 * @param endpoints            SelfManagedEventSource.Endpoints
 */
public record MappingInput(Optional<String> functionName, Optional<String> eventSourceArn, Optional<Boolean> enabled,
                           Optional<Integer> batchSize, Optional<Integer> maximumBatchingWindowInSeconds,
                           Optional<String> startingPosition, Optional<Instant> startingPositionTimestamp,
                           Optional<List<String>> filterPatterns, Optional<List<String>> functionResponseTypes,
                           Optional<Optional<Integer>> maximumConcurrency,
                           Optional<Optional<String>> onFailureDestination, boolean onSuccessDestinationGiven,
                           Optional<Integer> maximumRetryAttempts, Optional<Integer> maximumRecordAgeInSeconds,
                           Optional<Boolean> bisectBatchOnFunctionError, Optional<Integer> parallelizationFactor,
                           Optional<Integer> tumblingWindowInSeconds, Optional<List<String>> topics,
                           Optional<List<MappingConfig.SourceAccess>> sourceAccess,
                           Optional<Map<String, List<String>>> endpoints, Optional<String> consumerGroupId,
                           Optional<String> kmsKeyArn) {
    public MappingInput {
        Objects.requireNonNull(functionName);
        Objects.requireNonNull(eventSourceArn);
        Objects.requireNonNull(enabled);
        Objects.requireNonNull(batchSize);
        Objects.requireNonNull(maximumBatchingWindowInSeconds);
        Objects.requireNonNull(startingPosition);
        Objects.requireNonNull(startingPositionTimestamp);
        Objects.requireNonNull(filterPatterns);
        Objects.requireNonNull(functionResponseTypes);
        Objects.requireNonNull(maximumConcurrency);
        Objects.requireNonNull(onFailureDestination);
        Objects.requireNonNull(maximumRetryAttempts);
        Objects.requireNonNull(maximumRecordAgeInSeconds);
        Objects.requireNonNull(bisectBatchOnFunctionError);
        Objects.requireNonNull(parallelizationFactor);
        Objects.requireNonNull(tumblingWindowInSeconds);
        Objects.requireNonNull(topics);
        Objects.requireNonNull(sourceAccess);
        Objects.requireNonNull(endpoints);
        Objects.requireNonNull(consumerGroupId);
        Objects.requireNonNull(kmsKeyArn);
    }

    /** An input with nothing given, to build on in tests. */
    public static MappingInput empty() {
        return new MappingInput(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public MappingInput withFunction(String name) {
        return new MappingInput(Optional.of(name), eventSourceArn, enabled, batchSize, maximumBatchingWindowInSeconds,
                startingPosition, startingPositionTimestamp, filterPatterns, functionResponseTypes, maximumConcurrency,
                onFailureDestination, onSuccessDestinationGiven, maximumRetryAttempts, maximumRecordAgeInSeconds,
                bisectBatchOnFunctionError, parallelizationFactor, tumblingWindowInSeconds, topics, sourceAccess,
                endpoints, consumerGroupId, kmsKeyArn);
    }

    public MappingInput withSource(String arn) {
        return new MappingInput(functionName, Optional.of(arn), enabled, batchSize, maximumBatchingWindowInSeconds,
                startingPosition, startingPositionTimestamp, filterPatterns, functionResponseTypes, maximumConcurrency,
                onFailureDestination, onSuccessDestinationGiven, maximumRetryAttempts, maximumRecordAgeInSeconds,
                bisectBatchOnFunctionError, parallelizationFactor, tumblingWindowInSeconds, topics, sourceAccess,
                endpoints, consumerGroupId, kmsKeyArn);
    }

    public MappingInput withEnabled(boolean on) {
        return new MappingInput(functionName, eventSourceArn, Optional.of(on), batchSize, maximumBatchingWindowInSeconds,
                startingPosition, startingPositionTimestamp, filterPatterns, functionResponseTypes, maximumConcurrency,
                onFailureDestination, onSuccessDestinationGiven, maximumRetryAttempts, maximumRecordAgeInSeconds,
                bisectBatchOnFunctionError, parallelizationFactor, tumblingWindowInSeconds, topics, sourceAccess,
                endpoints, consumerGroupId, kmsKeyArn);
    }

    public MappingInput withBatch(int size, int windowSeconds) {
        return new MappingInput(functionName, eventSourceArn, enabled, Optional.of(size), Optional.of(windowSeconds),
                startingPosition, startingPositionTimestamp, filterPatterns, functionResponseTypes, maximumConcurrency,
                onFailureDestination, onSuccessDestinationGiven, maximumRetryAttempts, maximumRecordAgeInSeconds,
                bisectBatchOnFunctionError, parallelizationFactor, tumblingWindowInSeconds, topics, sourceAccess,
                endpoints, consumerGroupId, kmsKeyArn);
    }
}
