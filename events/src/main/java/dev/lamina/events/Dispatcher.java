package dev.lamina.events;

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
    /** Lambda stops a chain of asynchronous invocations after this many. */
    static final int MAX_HOPS = 16;
    /** How many retries a message to a queue gets, at the throttle schedule, before it is given up on. */
    static final int MAX_DELIVERY_ATTEMPTS = 12;

    /** A task id due at an instant, for the delay queue. */
    private record Due(long id, Optional<FunctionName> function, Instant at, Clock clock) implements Delayed {
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
    private final Retries retries;
    private final Arns arns;
    private final Clock clock;
    private final AsyncStats stats;
    private final DelayQueue<Due> due = new DelayQueue<>();
    private final Semaphore running = new Semaphore(MAX_IN_FLIGHT);
    private final Map<Long, Integer> throttlesInARow = new ConcurrentHashMap<>();
    private final Map<FunctionName, Instant> throttledUntil = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    Dispatcher(EventLog log, Invoker invoker, AsyncRules rules, QueueSender queues, Retries retries, Arns arns,
               Clock clock, AsyncStats stats) {
        this.log = log;
        this.invoker = invoker;
        this.rules = rules;
        this.queues = queues;
        this.retries = retries;
        this.arns = arns;
        this.clock = clock;
        this.stats = stats;
        this.thread = Thread.ofPlatform().name("lamina-async-dispatch").daemon().start(this::loop);
    }

    /** Makes a task of the log due at {@code at}. */
    void schedule(long id, Optional<FunctionName> function, Instant at) {
        due.add(new Due(id, function, at, clock));
    }

    private void loop() {
        while (!closed) {
            try {
                Due next = due.take();
                Instant pause = next.function().map(throttledUntil::get).orElse(null);
                if (pause != null && pause.isAfter(clock.instant())) {
                    // The function is throttled: its events wait for the backoff instead of adding to it.
                    due.add(new Due(next.id(), next.function(), pause, clock));
                    continue;
                }
                running.acquire();
                Thread.ofVirtual().name("lamina-async-" + next.id()).start(() -> {
                    try {
                        run(next.id());
                    } catch (RuntimeException e) {
                        LOG.error("asynchronous task {} failed; it runs again shortly", next.id(), e);
                        schedule(next.id(), next.function(), clock.instant().plus(retries.afterThrottle(1)));
                    } finally {
                        running.release();
                    }
                });
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void run(long id) {
        Optional<QueuedTask> loaded = log.load(id);
        if (loaded.isEmpty()) {
            return; // finished meanwhile (a duplicate schedule after a restart)
        }
        QueuedTask task = loaded.get();
        switch (task.task()) {
            case Task.Invoke invoke -> invoke(task, invoke);
            case Task.SendToQueue message -> deliver(task, message);
        }
    }

    private void invoke(QueuedTask task, Task.Invoke event) {
        EventInvokeConfig options = rules.options(event.function(), event.qualifier());
        Instant now = clock.instant();
        if (retries.tooOld(event.receivedAt(), now, options.eventAgeSeconds())) {
            fail(task, event, options, "EventAgeExceeded", task.attempts(), Optional.empty(), "429",
                    "The event was older than its maximum age when it could run");
            return;
        }
        Invoker.Result result;
        try {
            result = invoker.invoke(new Invoker.Request(event.requestId(), new FunctionRef(event.function(),
                    event.qualifier()), Optional.empty(), event.payload(), Optional.empty(), false, Optional.empty(), true));
        } catch (LambdaException e) {
            refused(task, event, options, e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            schedule(task.id(), Optional.of(event.function()), now); // stopping: the next start runs it
            return;
        }
        throttlesInARow.remove(task.id());
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
    }

    /** The invocation did not happen: throttled, not ready, gone, or Lamina failed. */
    private void refused(QueuedTask task, Task.Invoke event, EventInvokeConfig options, LambdaException e) {
        if (e.code() == ErrorCode.RESOURCE_NOT_FOUND) {
            LOG.warn("discarding event {} for {}: {}", event.requestId(), event.function(), e.getMessage());
            stats.discarded.incrementAndGet();
            finish(task, List.of());
            return;
        }
        if (e.code() == ErrorCode.TOO_MANY_REQUESTS && rules.disabled(event.function())) {
            // Reserved concurrency 0: the event can never run, so it goes to failure handling at once.
            fail(task, event, options, "RetriesExhausted", task.attempts(), Optional.empty(), "429",
                    "The function's reserved concurrency is 0");
            return;
        }
        stats.throttled.incrementAndGet();
        int n = throttlesInARow.merge(task.id(), 1, Integer::sum);
        Instant next = clock.instant().plus(retries.afterThrottle(n));
        if (e.code() == ErrorCode.TOO_MANY_REQUESTS) {
            throttledUntil.merge(event.function(), next, (a, b) -> a.isAfter(b) ? a : b);
        }
        schedule(task.id(), Optional.of(event.function()), next);
    }

    /** Failure handling: the on-failure destination and the dead-letter queue, in one step with the removal. */
    private void fail(QueuedTask task, Task.Invoke event, EventInvokeConfig options, String condition, int attempts,
                      Optional<InvocationRecord.Response> response, String errorCode, String errorMessage) {
        throttlesInARow.remove(task.id());
        stats.failed.incrementAndGet();
        List<Task> followUps = new ArrayList<>();
        options.onFailure().flatMap(d -> destination(d, event, condition, attempts, response)).ifPresent(followUps::add);
        String version = response.map(InvocationRecord.Response::executedVersion)
                .orElseGet(() -> executedVersion(event));
        rules.deadLetterQueue(event.function(), version).ifPresent(dlq -> {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("RequestID", event.requestId());
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

    /** The task a destination gets: an invocation record, as an event for a function or a message for a queue. */
    private Optional<Task> destination(String arn, Task.Invoke event, String condition, int attempts,
                                       Optional<InvocationRecord.Response> response) {
        String record = InvocationRecord.of(clock.instant(), event.requestId(), arns.invoked(event), condition, attempts,
                event.payload(), response);
        if (arns.isQueue(arn)) {
            return Optional.of(new Task.SendToQueue(arn, record, Map.of(), clock.instant()));
        }
        if (event.hops() + 1 >= MAX_HOPS) {
            stats.loopsStopped.incrementAndGet();
            LOG.warn("not invoking {} with the record of {}: {} asynchronous invocations in a row (a recursive loop)",
                    arn, event.requestId(), MAX_HOPS);
            return Optional.empty();
        }
        FunctionRef target = arns.function(arn);
        return Optional.of(new Task.Invoke(java.util.UUID.randomUUID().toString(), target.name(), target.qualifier(),
                record.getBytes(StandardCharsets.UTF_8), clock.instant(), event.hops() + 1));
    }

    private void deliver(QueuedTask task, Task.SendToQueue message) {
        try {
            queues.send(message.queueArn(), message.body(), message.attributes());
            finish(task, List.of());
        } catch (Exception e) {
            int attempts = task.attempts() + 1;
            if (attempts >= MAX_DELIVERY_ATTEMPTS) {
                stats.deliveryFailures.incrementAndGet();
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

    /** Removes the task and adds what it led to, durably, then makes those due now. */
    private void finish(QueuedTask task, List<Task> followUps) {
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
        return due.size();
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
