package dev.lamina.events.esm.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.events.esm.BatchInvoker;
import dev.lamina.events.esm.Checkpoints;
import dev.lamina.events.esm.FailureDestination;
import dev.lamina.events.esm.MapCheckpoints;
import dev.lamina.events.esm.MappingSettings;
import dev.lamina.events.esm.MappingStatus;
import dev.lamina.events.esm.PollerContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A poller's world made by the test: a function that records every batch it is invoked with (as
 * the records' decoded data) and answers what {@link #behaviour} says, checkpoints in memory (kept
 * across pollers, as a restart would), and recorded status reports and OnFailure records.
 */
final class TestContext implements PollerContext {
    static final ObjectMapper JSON = new ObjectMapper();

    final MappingSettings settings;
    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    final List<List<String>> invocations = new CopyOnWriteArrayList<>();
    final Map<String, String> checkpoints;
    final List<String> processed = new CopyOnWriteArrayList<>();
    final List<String> unavailable = new CopyOnWriteArrayList<>();
    final List<JsonNode> failures = new CopyOnWriteArrayList<>();
    volatile Function<List<String>, BatchInvoker.Outcome> behaviour = data -> ok();
    volatile InstantSource clock = Clock.systemUTC();

    TestContext(MappingSettings settings) {
        this(settings, new ConcurrentHashMap<>());
    }

    TestContext(MappingSettings settings, Map<String, String> checkpoints) {
        this.settings = settings;
        this.checkpoints = checkpoints;
    }

    static BatchInvoker.Outcome ok() {
        return new BatchInvoker.Succeeded("null".getBytes(StandardCharsets.UTF_8));
    }

    static BatchInvoker.Outcome failed() {
        return new BatchInvoker.FunctionFailed("{\"errorMessage\":\"boom\"}".getBytes(StandardCharsets.UTF_8));
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
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            List<String> data = new ArrayList<>();
            for (JsonNode r : event.get("Records")) {
                data.add(new String(Base64.getDecoder().decode(r.get("kinesis").get("data").asText()),
                        StandardCharsets.UTF_8));
            }
            events.add(event);
            invocations.add(List.copyOf(data));
            return behaviour.apply(data);
        };
    }

    @Override
    public MappingStatus status() {
        return new MappingStatus() {
            @Override
            public void processed(String lastProcessingResult) {
                processed.add(lastProcessingResult);
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
                return settings.onFailureDestinationArn().isPresent();
            }

            @Override
            public void send(String recordJson) throws Exception {
                failures.add(JSON.readTree(recordJson));
            }
        };
    }

    @Override
    public InstantSource clock() {
        return clock;
    }

    /** Every record's data the function was given, in invocation order. */
    List<String> delivered() {
        return invocations.stream().flatMap(List::stream).toList();
    }

    static void eventually(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 30 s: " + what);
            }
            KinesisMock.sleep(Duration.ofMillis(50));
        }
    }
}
