package dev.lamina.events.esm.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.events.esm.BatchInvoker;
import dev.lamina.events.esm.Checkpoints;
import dev.lamina.events.esm.FailureDestination;
import dev.lamina.events.esm.MapCheckpoints;
import dev.lamina.events.esm.MappingSettings;
import dev.lamina.events.esm.MappingStatus;
import dev.lamina.events.esm.PollerContext;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A poller's context for tests: a function that records every event and answers as the test says,
 * a status that records what the poller reported, in-memory checkpoints and OnFailure destination.
 */
final class RecordingContext implements PollerContext {

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    final List<String> results = new CopyOnWriteArrayList<>();
    final List<String> unavailable = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();
    private final MappingSettings settings;
    private final Map<String, String> checkpoints = new ConcurrentHashMap<>();
    private final boolean destination;
    volatile Function<JsonNode, BatchInvoker.Outcome> answer = e -> new BatchInvoker.Succeeded("{}".getBytes());

    RecordingContext(MappingSettings settings, boolean destination) {
        this.settings = settings;
        this.destination = destination;
    }

    RecordingContext(MappingSettings settings) {
        this(settings, false);
    }

    /** A self-managed Kafka mapping's settings as CreateEventSourceMapping would make them. */
    static MappingSettings settings(String bootstrap, String topic, String startingPosition, int batchSize,
                                    Duration window, List<String> filters, int maximumRetryAttempts) {
        return new MappingSettings(UUID.randomUUID().toString(), Optional.empty(),
                "arn:aws:lambda:us-east-1:000000000000:function:f", "arn:aws:iam::000000000000:role/r", "us-east-1",
                batchSize, window, Optional.of(startingPosition), Optional.empty(), filters, false, Optional.empty(),
                maximumRetryAttempts, Optional.empty(), false, 1, Optional.empty(), Optional.empty(),
                List.of(topic), List.of(bootstrap), Optional.empty());
    }

    /** Every record the function was given, in the order given, as (partition, offset, value text). */
    List<Seen> seen() {
        List<Seen> all = new ArrayList<>();
        for (JsonNode event : events) {
            event.get("records").properties().forEach(e -> e.getValue().forEach(r -> all.add(new Seen(
                    r.get("partition").asInt(), r.get("offset").asLong(),
                    r.has("value") ? new String(Base64.getDecoder().decode(r.get("value").asText())) : null))));
        }
        return all;
    }

    record Seen(int partition, long offset, String value) {
    }

    @Override
    public MappingSettings settings() {
        return settings;
    }

    @Override
    public BatchInvoker invoker() {
        return payload -> {
            JsonNode event;
            try {
                event = JSON.readTree(payload);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            events.add(event);
            return answer.apply(event);
        };
    }

    @Override
    public MappingStatus status() {
        return new MappingStatus() {
            @Override
            public void processed(String lastProcessingResult) {
                results.add(lastProcessingResult);
            }

            @Override
            public void sourceUnavailable(String reason) {
                unavailable.add(reason);
            }
        };
    }

    @Override
    public Checkpoints checkpoints() {
        return new MapCheckpoints(checkpoints);
    }

    @Override
    public FailureDestination onFailure() {
        return new FailureDestination() {
            @Override
            public boolean configured() {
                return destination;
            }

            @Override
            public void send(String recordJson) {
                failures.add(recordJson);
            }
        };
    }

    @Override
    public InstantSource clock() {
        return InstantSource.system();
    }
}
