package dev.lamina.sqs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Message move tasks (StartMessageMoveTask): move a dead-letter queue's messages back to the queues they
 * came from, or to one destination, at most N a second, each move durable before the next. Tasks live in
 * memory: after a restart the list is empty, and the messages not yet moved are still in the source
 * queue. Public for the sqs.api package only.
 */
public final class MoveTasks {
    private static final Logger LOG = LoggerFactory.getLogger(MoveTasks.class);

    /** A task's lifecycle: RUNNING → COMPLETED | FAILED | CANCELLING → CANCELLED. */
    public enum Status { RUNNING, COMPLETED, CANCELLING, CANCELLED, FAILED }

    /** What ListMessageMoveTasks answers of a task. */
    public record View(String taskHandle, Status status, String sourceArn, Optional<String> destinationArn,
                       Optional<Integer> maxPerSecond, long moved, long toMove, Optional<String> failureReason, long startedAt) {
    }

    private final class Task {
        final String handle = UUID.randomUUID().toString();
        final Queue source;
        final Optional<Queue> destination;
        final Optional<Integer> maxPerSecond;
        final long startedAt = engine.clock.millis();
        final long toMove;
        volatile Status status = Status.RUNNING;
        volatile long moved;
        volatile String failure;

        Task(Queue source, Optional<Queue> destination, Optional<Integer> maxPerSecond, long toMove) {
            this.source = source;
            this.destination = destination;
            this.maxPerSecond = maxPerSecond;
            this.toMove = toMove;
        }

        View view() {
            return new View(status == Status.RUNNING ? handle : null, status, source.arn, destination.map(d -> d.arn),
                    maxPerSecond, moved, toMove, Optional.ofNullable(failure), startedAt);
        }
    }

    private final Engine engine;
    private final Map<String, List<Task>> bySource = new ConcurrentHashMap<>();
    private final Map<String, Task> byHandle = new ConcurrentHashMap<>();

    MoveTasks(Engine engine) {
        this.engine = engine;
    }

    public synchronized String start(String sourceArn, Optional<String> destinationArn, Optional<Integer> maxPerSecond) {
        Queue source = engine.byArn(sourceArn).orElseThrow(() -> SqsErrors.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist."));
        if (engine.deadLetterSources(source.name).isEmpty()) {
            throw SqsErrors.invalidParameterValue("Source queue must be configured as a Dead Letter Queue.");
        }
        Optional<Queue> destination = destinationArn.map(arn -> engine.byArn(arn).orElseThrow(() ->
                SqsErrors.resourceNotFound("The resource that you specified for the DestinationArn parameter doesn't exist.")));
        maxPerSecond.ifPresent(n -> {
            if (n < 1 || n > 500) {
                throw SqsErrors.invalidValue("MaxNumberOfMessagesPerSecond", n, "Must be between 1 and 500.");
            }
        });
        List<Task> tasks = bySource.computeIfAbsent(source.name, k -> new CopyOnWriteArrayList<>());
        if (tasks.stream().anyMatch(t -> t.status == Status.RUNNING || t.status == Status.CANCELLING)) {
            throw SqsErrors.invalidParameterValue("There is already a task running. Only one active task is allowed for a source queue arn at a given time.");
        }
        long toMove;
        source.lock.lock();
        try {
            toMove = source.visibleCount();
        } finally {
            source.lock.unlock();
        }
        Task task = new Task(source, destination, maxPerSecond, toMove);
        tasks.addFirst(task);
        byHandle.put(task.handle, task);
        Thread.ofVirtual().name("lamina-sqs-move-" + source.name).start(() -> run(task));
        return task.handle;
    }

    /** The source's tasks, newest first. */
    public List<View> list(String sourceArn, int max) {
        Queue source = engine.byArn(sourceArn).orElseThrow(() -> SqsErrors.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist."));
        List<View> out = new ArrayList<>();
        for (Task t : bySource.getOrDefault(source.name, List.of())) {
            if (out.size() == max) {
                break;
            }
            out.add(t.view());
        }
        return out;
    }

    /** Asks a running task to stop; answers how many messages it had moved. */
    public long cancel(String handle) {
        Task t = byHandle.get(handle);
        if (t == null || t.status != Status.RUNNING) {
            throw SqsErrors.resourceNotFound("Task does not exist.");
        }
        t.status = Status.CANCELLING;
        return t.moved;
    }

    private void run(Task task) {
        try {
            while (task.moved < task.toMove && task.status == Status.RUNNING) {
                if (!moveOne(task)) {
                    break;
                }
                task.moved++;
                if (task.maxPerSecond.isPresent()) {
                    Thread.sleep(1000L / task.maxPerSecond.get());
                }
            }
            task.status = task.status == Status.CANCELLING ? Status.CANCELLED
                    : task.failure != null ? Status.FAILED : Status.COMPLETED;
        } catch (InterruptedException e) {
            task.status = Status.CANCELLED;
        } catch (RuntimeException e) {
            LOG.warn("message move task from {} failed", task.source.name, e);
            task.failure = String.valueOf(e.getMessage());
            task.status = Status.FAILED;
        }
    }

    /** Moves the source's first visible message; false when there is none left. */
    private boolean moveOne(Task task) {
        Queue source = task.source;
        Message m;
        Queue target;
        java.util.concurrent.CompletableFuture<Void> done;
        source.lock.lock();
        try {
            long now = engine.clock.millis();
            source.promote(now);
            m = source.visible().stream().findFirst().orElse(null);
            if (m == null || source.deleted) {
                return false;
            }
            target = task.destination.or(() -> m.deadLetterSource.flatMap(s -> engine.byArn(engine.arn(s)))).orElse(null);
            if (target == null) {
                task.failure = "The source queue of message " + m.id + " does not exist and no DestinationArn was given.";
                return false;
            }
            source.remove(m);
            done = engine.store.submit(new Change.Move(m.ordinal, target.name, now, null, 0));
        } finally {
            source.lock.unlock();
        }
        engine.deliveries().arrive(target, List.of(m), null);
        SqsStore.await(done);
        return true;
    }
}
