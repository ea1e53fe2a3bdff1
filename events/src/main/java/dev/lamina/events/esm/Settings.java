package dev.lamina.events.esm;

import dev.lamina.model.Region;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Builds a poller's {@link MappingSettings} from a mapping. */
final class Settings {
    private Settings() {
    }

    static MappingSettings of(Mapping m, String functionRole, Region region) {
        MappingConfig c = m.config();
        List<String> bootstrap = c.endpoints().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", List.of()).stream()
                .flatMap(s -> Arrays.stream(s.split(","))).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new MappingSettings(m.uuid(), c.eventSourceArn(), c.functionArn(), functionRole, region.name(),
                c.batchSize(), Duration.ofSeconds(c.maximumBatchingWindowInSeconds()), c.startingPosition(),
                c.startingPositionTimestamp(), c.filterPatterns().orElse(List.of()), c.reportBatchItemFailures(),
                c.maximumConcurrency(), c.maximumRetryAttempts().orElse(-1),
                c.maximumRecordAgeInSeconds().filter(s -> s >= 0).map(Duration::ofSeconds),
                c.bisectBatchOnFunctionError().orElse(false), c.parallelizationFactor().orElse(1),
                c.onFailureDestination(), c.tumblingWindowInSeconds().filter(s -> s > 0).map(Duration::ofSeconds),
                c.topics(), bootstrap, c.consumerGroupId().or(() -> bootstrap.isEmpty() ? Optional.empty()
                : Optional.of(m.uuid())));
    }
}
