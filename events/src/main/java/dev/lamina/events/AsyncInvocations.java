package dev.lamina.events;

import dev.lamina.invoke.Invoker;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.Qualifier;
import dev.lamina.model.TraceHeader;
import dev.lamina.sqs.Queues;
import dev.lamina.store.Store;
import dev.lamina.store.events.EventLog;
import dev.lamina.store.events.Task;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asynchronous invocation, wired: the durable event log ({@code <data dir>/events.db}), the
 * dispatcher, and the queue sender. Built once by the composition root; at start it schedules
 * everything the log holds, so events accepted before a crash (in flight or not) run again, with
 * their request ids.
 */
public final class AsyncInvocations implements AutoCloseable {
    private final AsyncSettings settings;
    private final EventLog log;
    private final QueueSender queues;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final AsyncStats stats = new AsyncStats();
    private final AsyncObserver observer;
    private volatile EventBusSink buses = EventBusSink.NONE;

    /**
     * @param sqsCredentials what messages to the SQS endpoint are signed with
     * @param builtInQueues  where destination and dead-letter messages go without an SQS endpoint
     * @param observer       told what becomes of events (metrics)
     */
    public AsyncInvocations(AsyncSettings settings, AwsCredentialsProvider sqsCredentials, Queues builtInQueues,
                            Path eventLog, Store store, Invoker invoker, AsyncObserver observer, Clock clock) {
        this.settings = settings;
        this.observer = observer;
        this.clock = clock;
        this.log = EventLog.open(eventLog);
        this.queues = settings.sqsEndpoint().map(e -> QueueSender.sqs(e, settings.region().name(), sqsCredentials))
                .orElseGet(() -> QueueSender.builtIn(builtInQueues));
        this.dispatcher = new Dispatcher(log, invoker, new AsyncRules(store), queues, () -> buses, new Retries(settings.timeScale()),
                new Arns(settings.region(), settings.account()), clock, stats, observer);
        for (EventLog.Entry e : log.entries()) {
            dispatcher.schedule(e.id(), e.function(), e.dueAt());
        }
    }

    /**
     * Accepts an event for {@code function}: the future completes with nothing once the event is on
     * disk (then, and only then, may the caller answer 202), and fails if it could not be stored.
     * The caller has checked the function and the payload.
     *
     * @param trace the caller's trace context; without one, the event begins a trace of its own (with
     *              no sampling decision yet: the function's TracingConfig makes it when the event runs),
     *              so that its queue time and every attempt belong to one trace
     */
    public CompletableFuture<Void> accept(String requestId, FunctionRef function, Optional<Qualifier> qualifier,
                                          byte[] payload, Optional<TraceHeader> trace) {
        Optional<Qualifier> q = function.qualifierWith(qualifier);
        Instant now = clock.instant();
        TraceHeader context = trace.orElseGet(() -> TraceHeader.newRoot(now, ThreadLocalRandom.current()));
        Task.Invoke event = new Task.Invoke(requestId, function.name(), q, payload, now, 0, Optional.of(context));
        return log.add(List.of(event), event.receivedAt()).thenAccept(ids -> {
            stats.accepted.incrementAndGet();
            observer.received(function.name(), q);
            dispatcher.schedule(ids.getFirst(), Optional.of(function.name()), event.receivedAt());
        });
    }

    /**
     * Sends one message to an SQS queue the way destinations are sent (the built-in queues, or the
     * configured endpoint), at once and without retries: event source mappings' OnFailure
     * destinations, whose pollers retry themselves.
     */
    public void sendToQueue(String queueArn, String body) throws Exception {
        queues.send(queueArn, body, java.util.Map.of());
    }

    /**
     * Where destinations that are event buses put their events. Set once EventBridge runs (it is
     * built after this); until then such deliveries fail and are retried on the queue schedule.
     */
    public void eventBuses(EventBusSink sink) {
        this.buses = java.util.Objects.requireNonNull(sink);
    }

    /** The largest event accepted, in bytes. */
    public int maxPayloadBytes() {
        return settings.maxPayloadBytes();
    }

    public AsyncStats.Snapshot stats() {
        return stats.snapshot();
    }

    /** Events and messages waiting to run. */
    public int waiting() {
        return dispatcher.waiting();
    }

    /** Events and messages running now. */
    public int running() {
        return dispatcher.running();
    }

    @Override
    public void close() {
        dispatcher.close();
        log.close();
        queues.close();
    }
}
