package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.asl.StateNode;
import dev.lamina.workflows.asl.StateType;
import dev.lamina.workflows.data.ErrorNames;
import dev.lamina.workflows.data.StatesError;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One execution while it runs: its top-level branch on a virtual thread, the threads of its branches
 * and tasks (interrupted when it is stopped or times out), its record, and its end.
 */
final class Run {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Run.class);

    /** How a stopped execution ends: ABORTED (StopExecution) or TIMED_OUT (the machine's TimeoutSeconds). */
    record Ending(ExecutionStatus status, Optional<String> error, Optional<String> cause) {
    }

    final Env env;
    final History history;
    final CompletableFuture<ExecutionRecord> done = new CompletableFuture<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final ObjectNode execution;
    private final ObjectNode machine;
    private volatile ExecutionRecord record;
    private Ending stopping;
    private boolean finishing;
    private boolean abandoned;

    Run(Env env, History history, ExecutionRecord record) {
        this.env = env;
        this.history = history;
        this.record = record;
        this.execution = Json.object();
        execution.put("Id", record.executionArn());
        execution.set("Input", Json.parse(record.input()));
        execution.put("Name", record.name());
        execution.put("RoleArn", record.machine().roleArn());
        execution.put("StartTime", Json.time(record.startDate()));
        execution.put("RedriveCount", record.redriveCount());
        this.machine = Json.object();
        machine.put("Id", record.machine().versionArn().orElse(record.stateMachineArn()));
        machine.put("Name", record.machine().name());
    }

    ExecutionRecord record() {
        return record;
    }

    /** The frames of Map/Parallel states and their children from before a restart ({@link Children}). */
    private final Map<String, String> resumed = new ConcurrentHashMap<>();

    void resumeFrames(Map<String, String> frames) {
        frames.forEach((k, v) -> {
            if (!k.equals(Frames.ROOT)) {
                resumed.put(k, v);
            }
        });
    }

    /** A frame from before the restart, once: the state or child it belongs to takes it up. */
    Optional<String> takeFrame(String key) {
        return Optional.ofNullable(resumed.remove(key));
    }

    String arn() {
        return record.executionArn();
    }

    /** The context object a state sees ({@code $$}, {@code $states.context}). */
    ObjectNode context(StateNode st, Instant enteredAt, int retryCount, Optional<String> token) {
        ObjectNode c = Json.object();
        c.set("Execution", execution);
        c.set("StateMachine", machine);
        ObjectNode state = c.putObject("State").put("Name", st.name()).put("EnteredTime", Json.time(enteredAt));
        if (st.type() == StateType.TASK || st.type() == StateType.PARALLEL || st.type() == StateType.MAP) {
            state.put("RetryCount", retryCount); // AWS shows RetryCount only for states that can retry
        }
        token.ifPresent(t -> c.putObject("Task").put("Token", t));
        return c;
    }

    /** Starts a virtual thread that is interrupted if the execution is stopped. */
    Thread spawn(String name, Runnable body) {
        return Thread.ofVirtual().name(name).start(() -> {
            threads.add(Thread.currentThread());
            try {
                body.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
    }

    /** Runs the top level from {@code start} (or resumes {@code at}), then ends the execution. */
    void launch(String start, JsonNode input, Map<String, JsonNode> vars, long prev, Optional<Frames.Position> at) {
        record.machine().definition().timeoutSeconds().ifPresent(t -> spawn("sfn-timeout", () -> {
            try {
                Duration left = Duration.between(env.clock().instant(), record.startDate().plusSeconds(t));
                if (!left.isNegative()) {
                    Thread.sleep(left);
                }
                // AWS: the ExecutionTimedOut event carries error States.Timeout and no cause.
                stop(new Ending(ExecutionStatus.TIMED_OUT, Optional.of("States.Timeout"), Optional.empty()));
            } catch (InterruptedException e) {
                // the execution ended first
            }
        }));
        spawn("sfn-" + record.name(), () -> main(start, input, vars, prev, at));
    }

    private void main(String start, JsonNode input, Map<String, JsonNode> vars, long prev,
                      Optional<Frames.Position> at) {
        Branch root = new Branch(this, record.machine().definition(), Optional.of(Frames.ROOT), prev, vars, false);
        Ending end;
        Optional<String> output = Optional.empty();
        try {
            output = Optional.of(Json.text(root.run(start, input, at)));
            end = new Ending(ExecutionStatus.SUCCEEDED, Optional.empty(), Optional.empty());
        } catch (StatesError e) {
            end = failed(e);
        } catch (Branch.Terminal t) {
            end = failed(t.error);
        } catch (InterruptedException e) {
            end = null;
        } catch (History.Full e) {
            end = new Ending(ExecutionStatus.FAILED, Optional.of(ErrorNames.RUNTIME), Optional.of(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("execution {} failed inside the engine", arn(), e);
            end = new Ending(ExecutionStatus.FAILED, Optional.of(ErrorNames.RUNTIME),
                    Optional.of("Internal error: " + e));
        }
        finish(end, output, root.prev);
    }

    private static Ending failed(StatesError e) {
        return new Ending(ExecutionStatus.FAILED, e.error().isEmpty() ? Optional.empty() : Optional.of(e.error()),
                e.cause());
    }

    /** StopExecution or the execution timeout: interrupts every thread of this execution. */
    void stop(Ending ending) {
        synchronized (this) {
            if (finishing || stopping != null) {
                return;
            }
            stopping = ending;
        }
        threads.forEach(Thread::interrupt);
    }

    /**
     * Leaves the execution as it is in the journal (still RUNNING, to be resumed by the next engine):
     * the engine is closing. Its threads are interrupted and write nothing more.
     */
    void abandon() {
        synchronized (this) {
            if (finishing) {
                return;
            }
            abandoned = true;
            stopping = new Ending(ExecutionStatus.RUNNING, Optional.empty(), Optional.empty());
        }
        history.close();
        threads.forEach(Thread::interrupt);
    }

    /** Throws when the execution is being stopped (checked between states). */
    void checkStopping() throws InterruptedException {
        synchronized (this) {
            if (stopping != null) {
                throw new InterruptedException("stopping");
            }
        }
    }

    private void finish(Ending end, Optional<String> output, long rootPrev) {
        synchronized (this) {
            finishing = true;
            if (abandoned) {
                done.complete(record);
                return;
            }
            if (stopping != null) {
                end = stopping;
                output = Optional.empty();
            }
        }
        Thread.interrupted();
        Ending fin = end;
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                t.interrupt();
            }
        }
        String type = switch (fin.status()) {
            case SUCCEEDED -> "ExecutionSucceeded";
            case ABORTED -> "ExecutionAborted";
            case TIMED_OUT -> "ExecutionTimedOut";
            default -> "ExecutionFailed";
        };
        ExecutionRecord r = record;
        ExecutionRecord ended = new ExecutionRecord(r.executionArn(), r.machine(), r.name(), fin.status(),
                r.startDate(), Optional.of(env.clock().instant()), r.input(), output, fin.error(), fin.cause(),
                r.redriveCount(), r.redriveDate(), r.traceHeader());
        try (History.Tx tx = history.begin()) {
            // AWS (measured, a stopped or timed-out Wait): ExecutionAborted/ExecutionTimedOut follow no event
            // (previousEventId 0), and no …StateAborted event is written for the state that was running.
            long previous = fin.status() == ExecutionStatus.ABORTED || fin.status() == ExecutionStatus.TIMED_OUT
                    ? 0 : rootPrev;
            tx.add(output.map(Events::executionSucceeded).orElseGet(() -> Events.executionEnded(type, fin.error(),
                    fin.cause())), previous, true);
            if (fin.status() == ExecutionStatus.SUCCEEDED) {
                tx.frame(Frames.ROOT, Optional.empty());
            }
            tx.record(ended);
            tx.commit();
            history.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("could not record the end of execution {}", arn(), e);
        }
        record = ended;
        done.complete(ended);
    }
}
