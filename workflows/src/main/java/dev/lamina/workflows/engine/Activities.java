package dev.lamina.workflows.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * Activity tasks waiting for a worker's GetActivityTask, oldest first per activity. A task that gave
 * up (timed out, aborted) is withdrawn; a worker never gets one twice.
 */
final class Activities {
    private final Map<String, LinkedBlockingDeque<Pending>> queues = new ConcurrentHashMap<>();

    /** A scheduled activity task; {@code worker} completes with the worker's name when one takes it. */
    record Pending(String token, String input, CompletableFuture<String> worker) {
    }

    void offer(String activityArn, Pending p) {
        queue(activityArn).add(p);
    }

    void withdraw(String activityArn, Pending p) {
        queue(activityArn).remove(p);
    }

    Optional<Executions.ActivityTask> poll(String activityArn, String workerName, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Pending p = queue(activityArn).poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (p == null) {
                return Optional.empty();
            }
            if (p.worker().complete(workerName)) {
                return Optional.of(new Executions.ActivityTask(p.token(), p.input()));
            }
        }
    }

    private LinkedBlockingDeque<Pending> queue(String arn) {
        return queues.computeIfAbsent(arn, a -> new LinkedBlockingDeque<>());
    }
}
