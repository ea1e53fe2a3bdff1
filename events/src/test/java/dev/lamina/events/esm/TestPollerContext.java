package dev.lamina.events.esm;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A poller's context for tests: settings built by hand, a function the test provides, statuses recorded. */
public record TestPollerContext(MappingSettings settings, BatchInvoker invoker, Recorded status,
                                Checkpoints checkpoints, FailureDestination onFailure, InstantSource clock)
        implements PollerContext {

    /** What the poller reported. */
    public static final class Recorded implements MappingStatus {
        public final List<String> results = new CopyOnWriteArrayList<>();
        public final List<String> problems = new CopyOnWriteArrayList<>();

        @Override
        public void processed(String lastProcessingResult) {
            results.add(lastProcessingResult);
        }

        @Override
        public void sourceUnavailable(String reason) {
            problems.add(reason);
        }
    }

    public static TestPollerContext sqs(String queueArn, int batchSize, Duration window, List<String> filters,
                                        boolean reportFailures, Optional<Integer> maxConcurrency, BatchInvoker invoker) {
        MappingSettings s = new MappingSettings("11111111-2222-3333-4444-555555555555", Optional.of(queueArn),
                "arn:aws:lambda:us-east-1:000000000000:function:f", "arn:aws:iam::000000000000:role/r", "us-east-1",
                batchSize, window, Optional.empty(), Optional.empty(), filters, reportFailures, maxConcurrency, -1,
                Optional.empty(), false, 1, Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty());
        Checkpoints checkpoints = new MapCheckpoints(new HashMap<>());
        FailureDestination none = new FailureDestination() {
            @Override
            public boolean configured() {
                return false;
            }

            @Override
            public void send(String recordJson) {
                throw new IllegalStateException("none");
            }
        };
        return new TestPollerContext(s, invoker, new Recorded(), checkpoints, none, InstantSource.system());
    }
}
