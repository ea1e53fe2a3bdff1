package dev.lamina.eventbridge.delivery;

import dev.lamina.store.events.EventLog;
import dev.lamina.store.events.QueuedTask;
import dev.lamina.store.events.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs the delivery log's deliveries when they are due, on threads of its own (PutEvents never
 * waits for a target). Each attempt's outcome is written to the log before it is acted on: a
 * delivery leaves the log only once its target took it (together with what that led to, for an
 * event bus target) or its dead-letter queue did (or it was dropped); a failed attempt that will be
 * retried is counted in the log first. A crash at any point repeats an attempt, never loses one.
 *
 * <p>The schedule itself is in memory (a delay queue of ids); the log is the truth, read at start.
 */
final class DeliveryDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDispatcher.class);
    /** Deliveries attempted at once. */
    static final int MAX_IN_FLIGHT = 64;

    /** One attempt at a delivery: what its target led to, or why it failed. */
    interface TargetCall {
        List<Delivery> deliver(Delivery delivery, long id) throws TargetFailure;
    }

    private record Due(long id, Instant at, Clock clock) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), at));
        }

        @Override
        public int compareTo(Delayed other) {
            return at.compareTo(((Due) other).at);
        }
    }

    private final EventLog log;
    private final TargetCall targets;
    private final DeadLetters deadLetters;
    private final RetrySchedule retries;
    private final Clock clock;
    private final DelayQueue<Due> due = new DelayQueue<>();
    private final Semaphore running = new Semaphore(MAX_IN_FLIGHT);
    private volatile Thread thread;
    private volatile boolean closed;

    DeliveryDispatcher(EventLog log, TargetCall targets, DeadLetters deadLetters, RetrySchedule retries, Clock clock) {
        this.log = log;
        this.targets = targets;
        this.deadLetters = deadLetters;
        this.retries = retries;
        this.clock = clock;
    }

    /** Starts running due deliveries. */
    void start() {
        thread = Thread.ofPlatform().name("lamina-eventbridge-dispatch").daemon().start(this::loop);
    }

    void schedule(long id, Instant at) {
        due.add(new Due(id, at, clock));
    }

    /** Schedules stored deliveries now. */
    void scheduleNow(List<Long> ids) {
        Instant now = clock.instant();
        ids.forEach(id -> schedule(id, now));
    }

    private void loop() {
        while (!closed) {
            Due next;
            try {
                next = due.take();
                running.acquire();
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.ofVirtual().name("lamina-eventbridge-" + next.id()).start(() -> {
                    try {
                        attempt(next.id());
                    } catch (RuntimeException | Error e) {
                        if (!closed) {
                            LOG.error("delivery {} failed in Lamina; it is tried again shortly", next.id(), e);
                            schedule(next.id(), clock.instant().plus(retries.backoff(1)));
                        }
                    } finally {
                        running.release();
                    }
                });
            } catch (RuntimeException | Error e) {
                running.release();
                schedule(next.id(), clock.instant().plus(retries.backoff(1)));
            }
        }
    }

    /** One attempt at the delivery {@code id}, if it is still owed; its outcome stored before this returns. */
    void attempt(long id) {
        Optional<QueuedTask> loaded = log.load(id);
        if (loaded.isEmpty() || !(loaded.get().task() instanceof Task.Deliver task)) {
            return; // done meanwhile (a duplicate schedule after a restart)
        }
        Delivery delivery = DeliveryCodec.delivery(task);
        List<Delivery> followUps;
        try {
            followUps = targets.deliver(delivery, id);
        } catch (TargetFailure failure) {
            failed(loaded.get(), delivery, failure);
            return;
        }
        scheduleNow(log.finish(id, DeliveryCodec.tasks(followUps), clock.instant()).join());
    }

    private void failed(QueuedTask task, Delivery delivery, TargetFailure failure) {
        int attempts = task.attempts() + 1;
        Instant now = clock.instant();
        switch (retries.after(failure, attempts, delivery.acceptedAt(), now, delivery.target().retryPolicy())) {
            case RetrySchedule.Retry retry -> {
                LOG.debug("delivery {} to {} failed ({}: {}); retrying at {}", task.id(), delivery.target().arn(),
                        failure.code(), failure.getMessage(), retry.at());
                log.reschedule(task.id(), attempts, retry.at()).join();
                schedule(task.id(), retry.at());
            }
            case RetrySchedule.GiveUp giveUp -> {
                deadLetters.send(delivery, failure, giveUp.condition(), attempts - 1);
                log.finish(task.id(), List.of(), now).join();
            }
        }
    }

    /** Deliveries waiting in memory. */
    int waiting() {
        return due.size();
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        try {
            // Attempts running now finish; what is left runs at the next start.
            if (running.tryAcquire(MAX_IN_FLIGHT, 5, TimeUnit.SECONDS)) {
                running.release(MAX_IN_FLIGHT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
