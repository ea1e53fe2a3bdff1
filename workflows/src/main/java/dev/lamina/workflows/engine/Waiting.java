package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.workflows.data.ErrorNames;
import dev.lamina.workflows.data.StatesError;
import dev.lamina.workflows.tasks.Integrations;
import dev.lamina.workflows.tasks.TaskCall;
import dev.lamina.workflows.tasks.TaskListener;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The blocking parts of a Task: one integration call bounded by the state's timeout (the call's thread
 * is interrupted when it passes), and the wait for a task token bounded by the timeout and the heartbeat.
 * Timeouts are the user's (TimeoutSeconds, HeartbeatSeconds) and are not scaled.
 */
final class Waiting {
    private Waiting() {
    }

    /** The task's time ran out: {@code error} is States.Timeout or States.HeartbeatTimeout. */
    static final class TimedOut extends Exception {
        final String error;

        TimedOut(String error) {
            super(error, null, false, false);
            this.error = error;
        }
    }

    /** A deadline in {@link System#nanoTime()} terms; empty when the task has AWS's default (no practical limit). */
    static Optional<Long> deadline(Optional<Duration> timeout) {
        return timeout.map(t -> System.nanoTime() + t.toNanos());
    }

    static JsonNode call(Run run, Integrations integrations, TaskCall call, TaskListener listener,
                         Optional<Long> deadline) throws StatesError, InterruptedException, TimedOut {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        Thread worker = run.spawn("sfn-task", () -> {
            try {
                result.complete(integrations.run(call, listener));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return deadline.isPresent() ? get(result, deadline.get()) : result.get();
        } catch (TimeoutException e) {
            worker.interrupt();
            throw new TimedOut(ErrorNames.TIMEOUT);
        } catch (InterruptedException e) {
            worker.interrupt();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatesError se) {
                throw se;
            }
            if (e.getCause() instanceof InterruptedException ie) {
                throw ie;
            }
            throw new StatesError(ErrorNames.TASK_FAILED, String.valueOf(e.getCause()));
        }
    }

    private static <T> T get(Future<T> f, long deadlineNanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Waits for a worker to take an activity task (bounded by the task's timeout). */
    static String worker(CompletableFuture<String> taken, Optional<Long> deadline)
            throws InterruptedException, TimedOut {
        try {
            return deadline.isPresent() ? get(taken, deadline.get()) : taken.get();
        } catch (TimeoutException e) {
            throw new TimedOut(ErrorNames.TIMEOUT);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits for SendTaskSuccess/Failure on {@code w}; the heartbeat clock restarts at each SendTaskHeartbeat. */
    static TaskTokens.Callback token(TaskTokens.Waiter w, Optional<Long> deadline, Optional<Duration> heartbeat)
            throws InterruptedException, TimedOut {
        w.heartbeatNanos = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            long wake = deadline.orElse(Long.MAX_VALUE);
            if (heartbeat.isPresent()) {
                wake = Math.min(wake, w.heartbeatNanos + heartbeat.get().toNanos());
            }
            try {
                if (wake == Long.MAX_VALUE) {
                    return w.result.get();
                }
                return w.result.get(Math.max(0, wake - now), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                long t = System.nanoTime();
                if (deadline.isPresent() && t - deadline.get() >= 0) {
                    throw new TimedOut(ErrorNames.TIMEOUT);
                }
                if (heartbeat.isPresent() && t - (w.heartbeatNanos + heartbeat.get().toNanos()) >= 0) {
                    throw new TimedOut(ErrorNames.HEARTBEAT_TIMEOUT);
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
