package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.model.ServiceException;
import dev.lamina.workflows.StatesErrors;
import dev.lamina.workflows.WorkflowsContext;
import dev.lamina.workflows.data.Dataflows;
import dev.lamina.workflows.tasks.Integrations;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs executions: each on virtual threads ({@link Run}, {@link Branch}), STANDARD ones through the
 * durable journal (every transition written before the next), EXPRESS ones in memory; answers for them;
 * and, at {@link #start()}, resumes the executions the journal holds as running from their frames.
 */
public final class Engine implements Executions {
    private static final Duration SYNC_LIMIT = Duration.ofMinutes(5);

    private final Env env;
    private final ExecutionJournal journal;
    private final MemoryJournal express = new MemoryJournal();
    private final Map<String, Run> live = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ExecutionRecord>> starting = new ConcurrentHashMap<>();

    public Engine(WorkflowsContext context, ExecutionJournal journal, Integrations integrations) {
        this(new Env(context.settings(), context.arns(), context.clock(), Dataflows::of, integrations,
                new TaskTokens(), new Activities(), () -> ThreadLocalRandom.current().nextDouble()), journal);
    }

    Engine(Env env, ExecutionJournal journal) {
        this.env = env;
        this.journal = journal;
    }

    /** Resumes every execution the journal holds as running (a task in flight runs again; a Wait keeps its deadline). */
    public void start() {
        for (ExecutionJournal.Resumable r : journal.running()) {
            resume(r, Optional.empty());
        }
    }

    private void resume(ExecutionJournal.Resumable r, Optional<Long> redriven) {
        History history = new History(journal, r.record().executionArn(), true, env.clock(), r.lastEventId());
        Run run = register(new Run(env, history, r.record()));
        String root = r.frames().get(Frames.ROOT);
        if (root == null) {
            // Started but no frame: the top level had not begun.
            JsonNode input = Json.parse(r.record().input());
            run.launch(r.record().machine().definition().startAt(), input, Map.of(), 0, Optional.empty());
            return;
        }
        Frames.Position p = Frames.read(root);
        if (redriven.isEmpty()) {
            run.resumeFrames(r.frames()); // a redrive runs a Map's or Parallel's children again
        }
        if (redriven.isPresent()) {
            run.launch(p.state(), p.input(), p.vars(), redriven.get(), Optional.empty());
        } else {
            run.launch(p.state(), p.input(), p.vars(), p.prev(), p.entered().isPresent() ? Optional.of(p) : Optional.empty());
        }
    }

    private Run register(Run run) {
        live.put(run.arn(), run);
        run.done.whenComplete((r, e) -> live.remove(run.arn(), run));
        return run;
    }

    @Override
    public ExecutionRecord start(StartRequest request) {
        if (request.machine().type() == MachineType.EXPRESS) {
            return startExpress(request);
        }
        String arn = env.arns().execution(request.machine().name(), request.name());
        // One start per name at a time (name idempotency); different names start concurrently, so their
        // journal writes share a group commit.
        CompletableFuture<ExecutionRecord> mine = new CompletableFuture<>();
        CompletableFuture<ExecutionRecord> other;
        while ((other = starting.putIfAbsent(arn, mine)) != null) {
            try {
                return sameInput(other.get(), request.input(), arn);
            } catch (ExecutionException e) {
                // that start failed: try again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw StatesErrors.internal("interrupted");
            }
        }
        try {
            Optional<ExecutionRecord> existing = journal.find(arn);
            if (existing.isPresent()) {
                mine.complete(existing.get());
                return sameInput(existing.get(), request.input(), arn);
            }
            ExecutionRecord record = newRecord(arn, request);
            await(journal.create(record, java.util.List.of(started(record)), java.util.List.of()));
            Run run = register(new Run(env, new History(journal, arn, true, env.clock(), 1), record));
            mine.complete(record);
            run.launch(record.machine().definition().startAt(), Json.parse(record.input()), Map.of(), 0,
                    Optional.empty());
            return record;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            starting.remove(arn, mine);
        }
    }

    /** AWS's idempotency: only a RUNNING execution with the same input is answered again; a closed one keeps its name. */
    private static ExecutionRecord sameInput(ExecutionRecord existing, String input, String arn) {
        if (existing.status() == ExecutionStatus.RUNNING && existing.input().equals(input)) {
            return existing;
        }
        throw StatesErrors.executionAlreadyExists(arn);
    }

    private ExecutionRecord startExpress(StartRequest request) {
        purgeExpress();
        String arn = env.arns().expressExecution(request.machine().name(), request.name(), UUID.randomUUID().toString());
        ExecutionRecord record = newRecord(arn, request);
        express.create(record, java.util.List.of(started(record)), java.util.List.of());
        Run run = register(new Run(env, new History(express, arn, false, env.clock(), 1), record));
        run.launch(record.machine().definition().startAt(), Json.parse(record.input()), Map.of(), 0, Optional.empty());
        return record;
    }

    /** Forgets finished EXPRESS executions older than the settings' expressHistory. */
    private void purgeExpress() {
        express.forgetEndedBefore(env.clock().instant().minus(env.settings().expressHistory()));
    }

    private ExecutionRecord newRecord(String arn, StartRequest request) {
        return new ExecutionRecord(arn, request.machine(), request.name(), ExecutionStatus.RUNNING,
                env.clock().instant(), Optional.empty(), request.input(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, Optional.empty(), request.traceHeader());
    }

    private static HistoryEvent started(ExecutionRecord r) {
        Events.Ev ev = Events.executionStarted(r.input(), r.machine().roleArn(), r.machine().versionArn(),
                r.machine().aliasArn());
        return new HistoryEvent(1, 0, r.startDate(), ev.type(), ev.details());
    }

    private static void await(CompletableFuture<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StatesErrors.internal("interrupted");
        } catch (ExecutionException e) {
            throw StatesErrors.internal("The execution could not be recorded");
        }
    }

    @Override
    public ExecutionRecord startSync(StartRequest request) {
        ExecutionRecord r = startExpress(request);
        Run run = live.get(r.executionArn());
        if (run == null) {
            return describe(r.executionArn());
        }
        try {
            return run.done.get(SYNC_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.stop(new Run.Ending(ExecutionStatus.TIMED_OUT, Optional.of("States.Timeout"), Optional.empty()));
            return run.done.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StatesErrors.internal("interrupted");
        } catch (ExecutionException e) {
            throw StatesErrors.internal("The execution failed inside the engine");
        }
    }

    @Override
    public ExecutionRecord describe(String executionArn) {
        Run run = live.get(executionArn);
        if (run != null) {
            return run.record();
        }
        return journalOf(executionArn).find(executionArn)
                .orElseThrow(() -> StatesErrors.executionDoesNotExist(executionArn));
    }

    private ExecutionJournal journalOf(String executionArn) {
        return executionArn.contains(":express:") ? express : journal;
    }

    @Override
    public Page<ExecutionRecord> list(String machineArn, Optional<ExecutionStatus> statusFilter, int maxResults,
                                      Optional<String> nextToken) {
        return Pages.executions(journal, machineArn, statusFilter, maxResults, nextToken);
    }

    @Override
    public Page<HistoryEvent> history(String executionArn, boolean reverseOrder, int maxResults,
                                      Optional<String> nextToken, boolean includeExecutionData) {
        describe(executionArn);
        return Pages.history(journalOf(executionArn), executionArn, reverseOrder, maxResults, nextToken,
                includeExecutionData);
    }

    @Override
    public ExecutionRecord stop(String executionArn, Optional<String> error, Optional<String> cause) {
        ExecutionRecord r = describe(executionArn);
        Run run = live.get(executionArn);
        if (run == null || r.status().finished()) {
            return r;
        }
        run.stop(new Run.Ending(ExecutionStatus.ABORTED, error, cause));
        try {
            return run.done.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return run.record();
        } catch (ExecutionException | TimeoutException e) {
            return run.record();
        }
    }

    @Override
    public ExecutionRecord redrive(String executionArn) {
        return new Redrives(env, journal, this::resumeRedriven).redrive(describe(executionArn), live.containsKey(executionArn));
    }

    private void resumeRedriven(ExecutionJournal.Resumable r, long redrivenEventId) {
        resume(r, Optional.of(redrivenEventId));
    }

    @Override
    public void sendTaskSuccess(String taskToken, String output) {
        env.tokens().succeed(taskToken, output);
    }

    @Override
    public void sendTaskFailure(String taskToken, Optional<String> error, Optional<String> cause) {
        env.tokens().fail(taskToken, error, cause);
    }

    @Override
    public void sendTaskHeartbeat(String taskToken) {
        env.tokens().heartbeat(taskToken);
    }

    @Override
    public ExecutionRecord awaitFinish(String executionArn, Duration max) throws InterruptedException {
        Run run = live.get(executionArn);
        if (run == null) {
            return describe(executionArn);
        }
        try {
            return run.done.get(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return run.record();
        } catch (ExecutionException e) {
            return describe(executionArn);
        }
    }

    @Override
    public Optional<ActivityTask> pollActivity(String activityArn, String workerName, Duration wait)
            throws ServiceException, InterruptedException {
        return env.activities().poll(activityArn, workerName, wait);
    }

    /** Leaves running executions RUNNING in the journal (the next engine resumes them) and closes it. */
    @Override
    public void close() {
        for (Run run : live.values()) {
            run.abandon();
        }
        for (Run run : live.values()) {
            try {
                run.done.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing anyway
            }
        }
        journal.close();
    }
}
