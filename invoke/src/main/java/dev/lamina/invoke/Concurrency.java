package dev.lamina.invoke;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionName;
import dev.lamina.model.LambdaException;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Lambda's concurrency rules: every running invocation (its init included) holds one execution slot.
 * A function with reserved concurrency may hold at most that many slots, across all its versions
 * and aliases, and never competes for the rest; functions without a reservation share the
 * unreserved pool, the account limit minus every reservation. A refused invocation is a
 * TooManyRequestsException with AWS's Reason, before anything else happens.
 */
final class Concurrency {
    /** How long a throttled caller is asked to wait, in seconds (TooManyRequestsException's Retry-After). */
    static final int RETRY_AFTER_SECONDS = 1;

    /**
     * The rules for one function, as stored now.
     *
     * @param reserved    PutFunctionConcurrency's value; empty when the function shares the unreserved pool
     * @param provisioned for a function without a reservation, its provisioned concurrency: that many
     *                    of its invocations run in capacity set aside for it, not in the shared pool
     * @param unreserved  the shared pool: the account limit minus every reservation and minus the
     *                    provisioned concurrency of every function without one
     */
    record Limits(OptionalInt reserved, int provisioned, int unreserved) {
    }

    /** One held execution slot; release it exactly once, when the invocation has ended. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<FunctionName, Integer> running = new HashMap<>();
    private int unreservedRunning;

    /**
     * Takes a slot for an invocation of {@code function}, or throws TooManyRequestsException.
     *
     * @param asynchronous an event from the asynchronous queue: it leaves a tenth of the limit it
     *                     runs under (rounded down, at least one slot of a limit of two or more) to
     *                     synchronous callers, so that a flood of events never throttles every one of them
     */
    synchronized Slot acquire(FunctionName function, Limits limits, boolean asynchronous) {
        int mine = running.getOrDefault(function, 0);
        boolean reserved = limits.reserved().isPresent();
        if (reserved && mine >= limits.reserved().getAsInt() - headroom(limits.reserved().getAsInt(), asynchronous)) {
            throw throttled("ReservedFunctionConcurrentInvocationLimitExceeded");
        }
        // A function's provisioned concurrency is capacity of its own; beyond it, it shares the pool.
        boolean shared = !reserved && mine >= limits.provisioned();
        if (shared && unreservedRunning >= limits.unreserved() - headroom(limits.unreserved(), asynchronous)) {
            throw throttled("ConcurrentInvocationLimitExceeded");
        }
        running.put(function, mine + 1);
        if (shared) {
            unreservedRunning++;
        }
        return new Held(function, shared);
    }

    private final class Held implements Slot {
        private final FunctionName function;
        private final boolean shared;
        private boolean released;

        Held(FunctionName function, boolean shared) {
            this.function = function;
            this.shared = shared;
        }

        @Override
        public void close() {
            synchronized (Concurrency.this) {
                if (released) {
                    return;
                }
                released = true;
                // A reservation changed while the invocation ran does not matter: it gives back what it took.
                running.computeIfPresent(function, (f, n) -> n == 1 ? null : n - 1);
                if (shared) {
                    unreservedRunning--;
                }
            }
        }
    }

    private static int headroom(int limit, boolean asynchronous) {
        if (!asynchronous || limit < 2) {
            return 0; // a single slot is shared: held back, events could never run
        }
        return Math.max(1, limit / 10);
    }

    /** Invocations of {@code function} running now. */
    synchronized int running(FunctionName function) {
        return running.getOrDefault(function, 0);
    }

    /** A copy of every function's running invocations, for gauges read now and then (not on the invoke path). */
    synchronized Map<FunctionName, Integer> runningByFunction() {
        return Map.copyOf(running);
    }

    /** AWS's answer to an invocation over a concurrency limit. */
    static LambdaException throttled(String reason) {
        return new LambdaException(ErrorCode.TOO_MANY_REQUESTS, "Rate Exceeded.")
                .withMember("Reason", reason)
                .withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }
}
