package dev.lamina.events;

import dev.lamina.model.FunctionName;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the events of a throttled function wait, so a backlog drains at the pace the function
 * completes instead of each event backing off on its own.
 *
 * <p>A throttle pauses the function for Lambda's backoff: 1 s, doubling with each pause that
 * follows another without a completion in between, up to 5 minutes. Throttled events, and events
 * that arrive while others wait, park here in order. Events leave the gate in three ways:
 * <ul>
 *   <li>a completed invocation lets the oldest parked event take its place, and, when the function
 *       is not paused, one more (so the number running grows back while it succeeds);</li>
 *   <li>an event that left the gate but did not invoke (too old, failed by Lamina) passes its
 *       place to the next;</li>
 *   <li>the end of a pause lets a few probe events try again.</li>
 * </ul>
 * Every event released is therefore followed by another release, a pause, or an empty gate: none
 * waits without something in flight that will let it out.
 *
 * <p>Thread-safe: outcomes are reported from the tasks' virtual threads, pauses checked and ended
 * on the dispatcher's thread.
 */
final class ThrottleGate {
    /** How many parked events the end of a pause lets try again. */
    static final int PROBES = 4;

    /** What the gate asks of the dispatcher. */
    interface Dispatch {
        /** Run event {@code id} of {@code function} now, past the gate. */
        void release(long id, FunctionName function);

        /** Call {@link #pauseEnded} for {@code function} at {@code at}. */
        void pauseEndsAt(FunctionName function, Instant at);
    }

    private final Retries retries;
    private final Clock clock;
    private final Dispatch dispatch;
    private final Map<FunctionName, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final Map<FunctionName, Integer> pausesInARow = new ConcurrentHashMap<>();
    private final Map<FunctionName, Queue<Long>> parked = new ConcurrentHashMap<>();
    private final AtomicInteger parkedCount = new AtomicInteger();

    ThrottleGate(Retries retries, Clock clock, Dispatch dispatch) {
        this.retries = retries;
        this.clock = clock;
        this.dispatch = dispatch;
    }

    /**
     * Parks event {@code id}, arriving at the gate, if its function is paused or others wait before
     * it; answers whether it did.
     */
    boolean holds(FunctionName function, long id) {
        if (paused(function)) {
            park(function, id);
            releaseIfPauseEnded(function);
            return true;
        }
        Queue<Long> waiting = parked.get(function);
        if (waiting == null || waiting.isEmpty()) {
            return false;
        }
        park(function, id); // what runs now lets those before it out, then it
        return true;
    }

    /** Event {@code id} was throttled: it waits, and the function pauses unless it already is. */
    void throttled(FunctionName function, long id) {
        Instant now = clock.instant();
        AtomicReference<Instant> started = new AtomicReference<>();
        pausedUntil.compute(function, (f, until) -> {
            if (until != null && until.isAfter(now)) {
                return until;
            }
            int n = pausesInARow.merge(f, 1, Integer::sum);
            started.set(now.plus(retries.afterThrottle(n)));
            return started.get();
        });
        park(function, id);
        releaseIfPauseEnded(function);
        if (started.get() != null) {
            dispatch.pauseEndsAt(function, started.get());
        }
    }

    /** An invocation of {@code function} ended: the function is full, not overloaded. */
    void completed(FunctionName function) {
        pausesInARow.remove(function);
        releaseOne(function);
        if (!paused(function)) {
            releaseOne(function);
        }
    }

    /** An event of {@code function} that left the gate did not invoke: the next takes its place. */
    void passedOn(FunctionName function) {
        releaseOne(function);
    }

    /** A pause's time is up: unless it was extended, a few parked events try again. */
    void pauseEnded(FunctionName function) {
        Instant now = clock.instant();
        if (pausedUntil.computeIfPresent(function, (f, until) -> until.isAfter(now) ? until : null) != null) {
            return; // extended: a later end is scheduled
        }
        for (int i = 0; i < PROBES; i++) {
            releaseOne(function);
        }
    }

    /** Events parked, across functions. */
    int parked() {
        return parkedCount.get();
    }

    private boolean paused(FunctionName function) {
        Instant until = pausedUntil.get(function);
        return until != null && until.isAfter(clock.instant());
    }

    private void park(FunctionName function, long id) {
        parked.computeIfAbsent(function, f -> new ConcurrentLinkedQueue<>()).add(id);
        parkedCount.incrementAndGet();
    }

    /** For an event parked because of a pause: the pause may have ended, its probes gone, meanwhile. */
    private void releaseIfPauseEnded(FunctionName function) {
        if (!paused(function)) {
            releaseOne(function);
        }
    }

    private void releaseOne(FunctionName function) {
        Queue<Long> waiting = parked.get(function);
        Long id = waiting == null ? null : waiting.poll();
        if (id != null) {
            parkedCount.decrementAndGet();
            dispatch.release(id, function);
        }
    }
}
