package dev.lamina.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.invoke.Invoker;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.EventInvokeConfig;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.LambdaException;
import dev.lamina.store.events.EventLog;
import dev.lamina.store.events.QueuedTask;
import dev.lamina.store.events.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the event log's tasks when they are due: invocations through the same {@link Invoker} as
 * synchronous calls (yielding a tenth of each limit to them), and messages to SQS queues. Decides
 * what each outcome means — done, retried on Lambda's schedule, or handed to failure handling
 * (on-failure destination, dead-letter queue) — and writes that decision to the log before acting on
 * it, so a crash at any point repeats work (with the same request id) but never loses it.
 *
 * <p>The schedule itself is in memory (a delay queue of task ids); the log is the truth, read
 * again at every start.
 */
final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** Tasks running at once. */
    static final int MAX_IN_FLIGHT = 256;
    /** Lambda stops a chain of asynchronous invocations after this many, unless the function allows loops. */
    static final int MAX_HOPS = 16;
    /** How many retries a message to a queue gets, at the throttle schedule, before it is given up on. */
    static final int MAX_DELIVERY_ATTEMPTS = 12;
    /**
     * The attribute every dead-letter message carries (Lambda's RequestID) and destination messages
     * do not: how a queue message that failed is told to have been a dead letter.
     */
    private static final String DLQ_MARK = "RequestID";

    /** The id of a {@link Due} that ends a function's throttle pause instead of naming a task. */
    private static final long END_OF_PAUSE = -1;

    /**
     * A task id due at an instant, for the delay queue. {@code admitted}: released by the throttle
     * gate, so it goes past the gate instead of waiting in it again.
     */
    private record Due(long id, Optional<FunctionName> function, Instant at, Clock clock, boolean admitted)
            implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(java.time.Duration.between(clock.instant(), at));
        }

        @Override
        public int compareTo(Delayed other) {
            return at.compareTo(((Due) other).at);
        }
    }

    private final EventLog log;
    private final Invoker invoker;
    private final AsyncRules rules;
    private final QueueSender queues;
    private final Supplier<EventBusSink> buses;
    private final Retries retries;
    private final Arns arns;
    private final Clock clock;
    private final AsyncStats stats;
    private final AsyncObserver observer;
    private final DelayQueue<Due> due = new DelayQueue<>();
    private final Semaphore running = new Semaphore(MAX_IN_FLIGHT);
    /** Lamina's own failures in a row, by task: they back off per event, not per function. */
    private final Map<Long, Integer> failuresInARow = new ConcurrentHashMap<>();
    private final ThrottleGate gate;
    private final AtomicInteger pauseEnds = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;

    /** @param buses where destinations that are event buses put their events (late-bound: EventBridge starts after this) */
    Dispatcher(EventLog log, Invoker invoker, AsyncRules rules, QueueSender queues,
               Supplier<EventBusSink> buses, Retries retries, Arns arns,
               Clock clock, AsyncStats stats, AsyncObserver observer) {
        this.log = log;
        this.invoker = invoker;
        this.rules = rules;
        this.queues = queues;
        this.buses = buses;
        this.retries = retries;
        this.arns = arns;
        this.clock = clock;
        this.stats = stats;
        this.observer = observer;
        this.gate = new ThrottleGate(retries, clock, new ThrottleGate.Dispatch() {
            @Override
            public void release(long id, FunctionName function) {
                due.add(new Due(id, Optional.of(function), clock.instant(), clock, true));
            }

            @Override
            public void pauseEndsAt(FunctionName function, Instant at) {
                pauseEnds.incrementAndGet();
                due.add(new Due(END_OF_PAUSE, Optional.of(function), at, clock, false));
            }
        });
        this.thread = Thread.ofPlatform().name("lamina-async-dispatch").daemon().start(this::loop);
    }

    /** Makes a task of the log due at {@code at}. */
    void schedule(long id, Optional<FunctionName> function, Instant at) {
        due.add(new Due(id, function, at, clock, false));
    }

    private void loop() {
        while (!closed) {
            Due next;
            try {
                next = due.take();
                if (next.id() == END_OF_PAUSE) {
                    pauseEnds.decrementAndGet();
                    gate.pauseEnded(next.function().orElseThrow());
                    continue;
                }
                if (!next.admitted() && next.function().map(f -> gate.holds(f, next.id())).orElse(false)) {
                    continue; // the function is throttled, or others wait before it: it waits in the gate
                }
                running.acquire();
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.ofVirtual().name("lamina-async-" + next.id()).start(() -> runAndReport(next));
            } catch (RuntimeException | Error e) {
                running.release();
                LOG.error("could not start asynchronous task {}; it runs again shortly", next.id(), e);
                retryLater(next.id(), next.function());
            }
        }
    }

    /** What became of a task, for the throttle gate. */
    private enum Outcome { INVOKED, THROTTLED, DID_NOT_INVOKE }

    private void runAndReport(Due next) {
        Outcome outcome = Outcome.DID_NOT_INVOKE;
        try {
            outcome = run(next.id());
        } catch (RuntimeException | Error e) {
            LOG.error("asynchronous task {} failed; it runs again later", next.id(), e);
            retryLater(next.id(), next.function());
        } finally {
            running.release();
            if (next.function().isPresent()) {
                FunctionName f = next.function().get();
                switch (outcome) {
                    case INVOKED -> gate.completed(f);
                    case DID_NOT_INVOKE -> gate.passedOn(f);
                    case THROTTLED -> { } // the gate holds it
                }
            }
        }
    }

    /** Lamina failed on a task: it backs off on its own, 1 s doubling to 5 minutes. */
    private void retryLater(long id, Optional<FunctionName> function) {
        int n = failuresInARow.merge(id, 1, Integer::sum);
        schedule(id, function, clock.instant().plus(retries.afterThrottle(n)));
    }

    private Outcome run(long id) {
        Optional<QueuedTask> loaded = log.load(id);
        if (loaded.isEmpty()) {
            return Outcome.DID_NOT_INVOKE; // finished meanwhile (a duplicate schedule after a restart)
        }
        QueuedTask task = loaded.get();
        return switch (task.task()) {
            case Task.Invoke invoke -> invoke(task, invoke);
            case Task.SendToQueue message -> {
                deliver(task, message);
                yield Outcome.DID_NOT_INVOKE;
            }
            case Task.Deliver other -> { // EventBridge's, kept in its own log: never written here
                LOG.error("dropping an EventBridge delivery found in the asynchronous log: {}", other.sourceArn());
                finish(task, List.of());
                yield Outcome.DID_NOT_INVOKE;
            }
        };
    }

    private Outcome invoke(QueuedTask task, Task.Invoke event) {
        EventInvokeConfig options = rules.options(event.function(), event.qualifier());
        Instant now = clock.instant();
        if (retries.tooOld(event.receivedAt(), now, options.eventAgeSeconds())) {
            fail(task, event, options, "EventAgeExceeded", task.attempts(), Optional.empty(), "429",
                    "The event was older than its maximum age when it could run");
            return Outcome.DID_NOT_INVOKE;
        }
        observer.dispatched(event.function(), event.qualifier(), java.time.Duration.between(event.receivedAt(), now));
        Invoker.Result result;
        try {
            result = invoker.invoke(new Invoker.Request(event.requestId(), new FunctionRef(event.function(),
                    event.qualifier()), Optional.empty(), event.payload(), Optional.empty(), false, event.trace(), true,
                    Optional.of(event.receivedAt())));
        } catch (LambdaException e) {
            return refused(task, event, options, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            schedule(task.id(), Optional.of(event.function()), now); // stopping: the next start runs it
            return Outcome.DID_NOT_INVOKE;
        }
        int attempts = task.attempts() + 1;
        InvocationRecord.Response response = new InvocationRecord.Response(200, result.executedVersion(),
                result.functionError(), result.payload());
        if (result.functionError().isEmpty()) {
            stats.succeeded.incrementAndGet();
            List<Task> followUps = options.onSuccess().flatMap(d -> destination(d, event, "Success", attempts,
                    Optional.of(response))).map(List::of).orElse(List.of());
            finish(task, followUps);
        } else if (attempts > options.retryAttempts()) {
            fail(task, event, options, "RetriesExhausted", attempts, Optional.of(response), "200",
                    errorMessage(result.payload()));
        } else {
            stats.retried.incrementAndGet();
            Instant next = clock.instant().plus(retries.afterFunctionError(attempts));
            log.reschedule(task.id(), attempts, next).join();
            schedule(task.id(), Optional.of(event.function()), next);
        }
        return Outcome.INVOKED;
    }

    /** The invocation did not happen: throttled, not ready, gone, or Lamina failed. */
    private Outcome refused(QueuedTask task, Task.Invoke event, EventInvokeConfig options, LambdaException e) {
        if (e.code() == ErrorCode.RESOURCE_NOT_FOUND) {
            if (event.hops() > 0) {
                // A destination's invocation: the record it carries must not vanish without a trace.
                stats.deliveryFailures.incrementAndGet();
                observer.destinationFailed();
                LOG.error("the destination function {} does not exist; giving up on the record it was sent: {}",
                        event.function(), new String(event.payload(), StandardCharsets.UTF_8));
            } else {
                stats.discarded.incrementAndGet();
                observer.dropped(event.function(), event.qualifier(), "FunctionNotFound");
                LOG.warn("discarding event {} for {}: {}", event.requestId(), event.function(), e.getMessage());
            }
            finish(task, List.of());
            return Outcome.DID_NOT_INVOKE;
        }
        if (e.code() == ErrorCode.TOO_MANY_REQUESTS && rules.disabled(event.function())) {
            // Reserved concurrency 0: the event can never run, so it goes to failure handling at once.
            fail(task, event, options, "RetriesExhausted", task.attempts(), Optional.empty(), "429",
                    "The function's reserved concurrency is 0");
            return Outcome.DID_NOT_INVOKE;
        }
        if (e.code() == ErrorCode.TOO_MANY_REQUESTS) {
            stats.throttled.incrementAndGet();
            gate.throttled(event.function(), task.id());
            return Outcome.THROTTLED;
        }
        LOG.warn("event {} for {} could not run ({}); retrying", event.requestId(), event.function(), e.getMessage());
        retryLater(task.id(), Optional.of(event.function()));
        return Outcome.DID_NOT_INVOKE;
    }

    /** Failure handling: the on-failure destination and the dead-letter queue, in one step with the removal. */
    private void fail(QueuedTask task, Task.Invoke event, EventInvokeConfig options, String condition, int attempts,
                      Optional<InvocationRecord.Response> response, String errorCode, String errorMessage) {
        stats.failed.incrementAndGet();
        observer.dropped(event.function(), event.qualifier(), condition);
        List<Task> followUps = new ArrayList<>();
        options.onFailure().flatMap(d -> destination(d, event, condition, attempts, response)).ifPresent(followUps::add);
        String version = response.map(InvocationRecord.Response::executedVersion)
                .orElseGet(() -> executedVersion(event));
        rules.deadLetterQueue(event.function(), version).ifPresent(dlq -> {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put(DLQ_MARK, event.requestId());
            attributes.put("ErrorCode", errorCode);
            attributes.put("ErrorMessage", errorMessage.length() > 1024 ? errorMessage.substring(0, 1024) : errorMessage);
            followUps.add(new Task.SendToQueue(dlq, new String(event.payload(), StandardCharsets.UTF_8), attributes,
                    clock.instant()));
        });
        if (followUps.isEmpty()) {
            stats.discarded.incrementAndGet();
            LOG.warn("event {} for {} failed ({}) with no on-failure destination or dead-letter queue: discarded",
                    event.requestId(), event.function(), condition);
        }
        finish(task, followUps);
    }

    /** The version an event would run, for a failure that happened before it ran. */
    private String executedVersion(Task.Invoke event) {
        try {
            return invoker.check(new FunctionRef(event.function(), event.qualifier()), Optional.empty());
        } catch (LambdaException e) {
            return "$LATEST";
        }
    }

    /**
     * The task a destination gets: an invocation record, as an event for a function, or a message
     * for a queue or an event bus. A bus's delivery is a {@link Task.SendToQueue} whose ARN is the
     * bus's: it is written in the same step that removes the invocation (so a failed put never runs
     * the function again), and {@link #deliver} puts it on the bus, which stores it durably before
     * answering; only then is the task removed. A crash between the two puts it again: at least once.
     */
    private Optional<Task> destination(String arn, Task.Invoke event, String condition, int attempts,
                                       Optional<InvocationRecord.Response> response) {
        String record = InvocationRecord.of(clock.instant(), event.requestId(), arns.invoked(event), condition, attempts,
                event.payload(), response);
        if (arns.isQueue(arn) || arns.isBus(arn)) {
            return Optional.of(new Task.SendToQueue(arn, record, Map.of(), clock.instant()));
        }
        FunctionRef target = arns.function(arn);
        if (event.hops() + 1 >= MAX_HOPS && !rules.loopsAllowed(target.name())) {
            stats.loopsStopped.incrementAndGet();
            LOG.warn("not invoking {} with the record of {}: {} asynchronous invocations in a row (a recursive loop;"
                    + " PutFunctionRecursionConfig with Allow lets it run)", arn, event.requestId(), MAX_HOPS);
            return Optional.empty();
        }
        return Optional.of(new Task.Invoke(java.util.UUID.randomUUID().toString(), target.name(), target.qualifier(),
                record.getBytes(StandardCharsets.UTF_8), clock.instant(), event.hops() + 1, event.trace()));
    }

    private void deliver(QueuedTask task, Task.SendToQueue message) {
        try {
            if (arns.isBus(message.queueArn())) {
                putOnBus(message.queueArn(), message.body());
            } else {
                queues.send(message.queueArn(), message.body(), message.attributes());
            }
            finish(task, List.of());
        } catch (Exception e) {
            int attempts = task.attempts() + 1;
            if (attempts >= MAX_DELIVERY_ATTEMPTS) {
                stats.deliveryFailures.incrementAndGet();
                if (message.attributes().containsKey(DLQ_MARK)) {
                    observer.deadLetterFailed();
                } else {
                    observer.destinationFailed();
                }
                LOG.error("giving up on a message for {} after {} attempts ({}); its body was: {}", message.queueArn(),
                        attempts, e.toString(), message.body());
                finish(task, List.of());
                return;
            }
            LOG.warn("a message for {} could not be sent ({}); retrying", message.queueArn(), e.toString());
            Instant next = clock.instant().plus(retries.afterThrottle(attempts));
            log.reschedule(task.id(), attempts, next).join();
            schedule(task.id(), Optional.empty(), next);
        }
    }

    /**
     * Puts an invocation record on an event bus as Lambda does: source {@code lambda}, detail-type
     * {@code Lambda Function Invocation Result - Success} (or {@code - Failure}), resources the bus
     * and the invoked function's ARN, detail the record.
     */
    private void putOnBus(String busArn, String record) throws Exception {
        JsonNode context = InvocationRecord.JSON.readTree(record).path("requestContext");
        String result = context.path("condition").asText().equals("Success") ? "Success" : "Failure";
        buses.get().put(busArn, "lambda", "Lambda Function Invocation Result - " + result, record,
                List.of(busArn, context.path("functionArn").asText()));
    }

    /** Removes the task and adds what it led to, durably, then makes those due now. */
    private void finish(QueuedTask task, List<Task> followUps) {
        failuresInARow.remove(task.id());
        List<Long> ids = log.finish(task.id(), followUps, clock.instant()).join();
        for (int i = 0; i < ids.size(); i++) {
            Optional<FunctionName> function = followUps.get(i) instanceof Task.Invoke invoke
                    ? Optional.of(invoke.function()) : Optional.empty();
            schedule(ids.get(i), function, clock.instant());
        }
    }

    private static String errorMessage(byte[] payload) {
        try {
            return InvocationRecord.JSON.readTree(payload).path("errorMessage").asText("");
        } catch (java.io.IOException e) {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** How many tasks wait in memory to be run. */
    int waiting() {
        return due.size() - pauseEnds.get() + gate.parked();
    }

    /** How many tasks run now. */
    int running() {
        return MAX_IN_FLIGHT - running.availablePermits();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            // Tasks running now finish (or are cut off with the environments); what is left runs next start.
            if (running.tryAcquire(MAX_IN_FLIGHT, 5, TimeUnit.SECONDS)) {
                running.release(MAX_IN_FLIGHT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
