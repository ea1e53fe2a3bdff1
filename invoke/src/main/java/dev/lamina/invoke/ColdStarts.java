package dev.lamina.invoke;

import dev.lamina.invoke.runtime.Launcher;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.LambdaException;
import dev.lamina.store.code.CodeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cold starts: the package is prepared, the runtime planned and started in a sandbox under a memory
 * claim of the pool, and its init waited for within Lambda's 10-second limit, with INIT_START (and
 * INIT_REPORT when init fails) in the environment's log.
 */
final class ColdStarts {
    private static final Logger LOG = LoggerFactory.getLogger(ColdStarts.class);
    private static final long MEMORY_WARNING_EVERY_NANOS = 10_000_000_000L;

    /** How a cold start ended. */
    sealed interface Outcome {
        /** The runtime is waiting in /next. */
        record Ready(Environment environment, Duration initDuration) implements Outcome {
        }

        /**
         * No environment: what the caller of the invocation gets instead.
         *
         * @param initDuration how long the (last) init ran before it failed or ran out of time; empty
         *                     when no runtime was started (a refused plan, a sandbox that would not start)
         */
        record Failed(FunctionError error, Optional<Duration> initDuration) implements Outcome {
            public Failed {
                java.util.Objects.requireNonNull(initDuration);
            }

            /** A failure before any init ran. */
            public Failed(FunctionError error) {
                this(error, Optional.empty());
            }
        }
    }

    private final Launcher launcher;
    private final Environments environments;
    private final EnvironmentPool pool;
    private final StemCells cells;
    private final CodeStore code;
    private final InvokeSettings settings;
    private final AtomicLong lastMemoryWarning = new AtomicLong(System.nanoTime() - MEMORY_WARNING_EVERY_NANOS - 1);
    private final AtomicLong memoryThrottles = new AtomicLong();

    ColdStarts(Launcher launcher, Environments environments, EnvironmentPool pool, StemCells cells, CodeStore code,
               InvokeSettings settings) {
        this.launcher = launcher;
        this.environments = environments;
        this.pool = pool;
        this.cells = cells;
        this.code = code;
        this.settings = settings;
    }

    /**
     * A cold start for an invocation. An init that runs out of its 10 seconds is retried once, as
     * Lambda does, within what is left of the invocation's {@code timeout} (counted from
     * {@code startedNanos}), in a fresh environment.
     *
     * @throws dev.lamina.model.LambdaException TooManyRequestsException when the node's memory budget
     *         cannot hold one more environment, even after evicting idle ones
     */
    Outcome forInvocation(EnvironmentKey key, String requestId, Duration timeout, long startedNanos)
            throws InterruptedException {
        Duration limit = settings.initTimeout();
        for (int attempt = 1; ; attempt++) {
            Attempt a = attempt(key, false, attempt == 1, limit, attempt == 1 ? "init" : "invoke",
                    "RequestId: " + requestId + " Error: ");
            if (a.outcome() != null) {
                return a.outcome();
            }
            Duration left = timeout.minus(Duration.ofNanos(System.nanoTime() - startedNanos));
            if (attempt == 2 || left.isNegative() || left.isZero()) {
                return new Outcome.Failed(FunctionError.of("Sandbox.Timedout", "RequestId: " + requestId
                        + " Error: Task timed out after " + InvokeReport.seconds(timeout)), Optional.of(a.timedOut()));
            }
            limit = left;
        }
    }

    /**
     * A cold start for provisioned concurrency: one attempt within 10 seconds. A ready environment
     * is left idle in the pool; a failure is described in the words of AWS's StatusReason.
     */
    Outcome provisioned(EnvironmentKey key) throws InterruptedException {
        Attempt a;
        try {
            a = attempt(key, true, true, settings.initTimeout(), "init", "");
        } catch (LambdaException e) {
            if (e.code() != dev.lamina.model.ErrorCode.TOO_MANY_REQUESTS) {
                throw e;
            }
            return new Outcome.Failed(FunctionError.of("Lamina.MemoryBudget", "Lamina's memory budget ("
                    + pool.budgetMb() + " MB) cannot hold another " + key.config().memorySize() + " MB environment."));
        }
        if (a.outcome() instanceof Outcome.Ready ready) {
            pool.giveBack(ready.environment());
        }
        return a.outcome() != null ? a.outcome() : new Outcome.Failed(FunctionError.of("Sandbox.Timedout",
                "Init did not finish within " + InvokeReport.seconds(settings.initTimeout())), Optional.of(a.timedOut()));
    }

    /**
     * One start and init; a null outcome means init ran out of time (and the environment was
     * killed) after {@code timedOut}.
     */
    private record Attempt(Outcome outcome, Duration timedOut) {
        Attempt(Outcome outcome) {
            this(outcome, Duration.ZERO);
        }
    }

    /**
     * @param useCell whether a stem cell may be taken instead of starting the runtime afresh
     * @param prefix  what Lamina's own error messages start with ("RequestId: … Error: " for an invocation)
     */
    private Attempt attempt(EnvironmentKey key, boolean provisioned, boolean useCell, Duration limit,
                            String phase, String prefix) throws InterruptedException {
        FunctionConfig config = key.config();
        Path task = code.prepare(key.code());
        Launcher.Plan plan = launcher.plan(config.runtime().orElseThrow(), config.handler().orElse(""), task,
                config.memorySize());
        if (plan instanceof Launcher.Refusal refusal) {
            return new Attempt(new Outcome.Failed(FunctionError.of(refusal.errorType(), refusal.message())));
        }
        Launcher.Launch launch = (Launcher.Launch) plan;
        Optional<Environment> fromCell = useCell ? fromCell(key, launch, task, provisioned) : Optional.empty();
        EnvironmentPool.Claim claim = null;
        Environment env;
        if (fromCell.isPresent()) {
            env = fromCell.get();
        } else {
            claim = claim(key);
            try {
                env = environments.start(key, launch, provisioned);
            } catch (Exception e) {
                claim.release();
                LOG.error("cannot start an environment for {}", key.function(), e);
                return new Attempt(new Outcome.Failed(FunctionError.of("Runtime.Unknown",
                        prefix + "Lamina could not start the runtime: " + e.getMessage())));
            }
            pool.adopt(env, claim);
        }
        String initType = provisioned ? "provisioned-concurrency" : "on-demand";
        env.platform(new PlatformEvent.InitStart(initType, phase, launch.runtimeVersion(),
                InvokeReport.runtimeVersionArn(launch.runtimeVersion(), settings.region().name()),
                key.function().value(), key.version()));
        return switch (env.awaitInit(limit)) {
            case Environment.InitOutcome.Ready ready -> {
                env.platform(new PlatformEvent.InitEnd(initType, phase, PlatformEvent.Status.SUCCESS,
                        ready.duration(), Optional.empty()));
                yield new Attempt(new Outcome.Ready(env, ready.duration()));
            }
            case Environment.InitOutcome.TimedOut timedOut -> {
                env.platform(new PlatformEvent.InitEnd(initType, phase, PlatformEvent.Status.TIMEOUT,
                        timedOut.duration(), Optional.empty()));
                yield new Attempt(null, timedOut.duration());
            }
            case Environment.InitOutcome.Failed failed -> {
                env.platform(new PlatformEvent.InitEnd(initType, "init", PlatformEvent.Status.ERROR,
                        failed.duration(), Optional.of(failed.errorType())));
                env.kill();
                yield new Attempt(new Outcome.Failed(FunctionError.posted(failed.errorType(), failed.payload()),
                        Optional.of(failed.duration())));
            }
            case Environment.InitOutcome.Exited exited -> {
                String type = exited.status().oomKilled() ? "Runtime.OutOfMemory" : "Runtime.ExitError";
                env.platform(new PlatformEvent.InitEnd(initType, "init", PlatformEvent.Status.ERROR,
                        exited.duration(), Optional.of(type)));
                yield new Attempt(new Outcome.Failed(FunctionError.of(type, prefix + "Runtime exited with error: "
                        + exited.status().describe()), Optional.of(exited.duration())));
            }
        };
    }

    /**
     * A stem cell of the right kind made into this environment: the package is linked into the
     * cell's task directory and the cell is told its handler and environment. Empty when the pool
     * has no such cell, or linking fails (the cell is then stopped).
     */
    private Optional<Environment> fromCell(EnvironmentKey key, Launcher.Launch launch, Path task, boolean provisioned) {
        Optional<StemCell> taken = cells.take(key);
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        StemCell cell = taken.get();
        try {
            TaskLinks.link(task, cell.task());
        } catch (IOException e) {
            LOG.warn("could not link {}'s package into a stem cell; starting afresh", key.function(), e);
            cell.channel().close();
            cell.process().kill();
            return Optional.empty();
        }
        Environment env;
        try {
            env = environments.assign(cell, key, launch, provisioned, () -> TaskLinks.delete(cell.task().getParent()));
        } catch (RuntimeException e) {
            LOG.warn("could not make a stem cell {}'s environment; starting afresh", key.function(), e);
            cell.channel().close();
            cell.process().kill(); // its exit gives back its memory, endpoint and directory
            return Optional.empty();
        }
        pool.adopt(env, cell.claim());
        return Optional.of(env);
    }

    /**
     * Memory for a fresh environment. When the budget is short, spare stem cells go first, then
     * idle environments of other versions, least recently used first.
     */
    private EnvironmentPool.Claim claim(EnvironmentKey key) {
        Optional<EnvironmentPool.Claim> claim = pool.claimSpare(key.config().memorySize());
        if (claim.isEmpty()) {
            cells.drain();
            claim = pool.claim(key);
        }
        return claim.orElseThrow(() -> memoryThrottle(key));
    }

    /**
     * Lambda has no memory-budget throttle; Lamina answers as for an exhausted concurrency pool, and
     * says why in its log — at most every ten seconds, with how many throttles it did not log, since
     * a flood of events is throttled thousands of times a second.
     */
    private LambdaException memoryThrottle(EnvironmentKey key) {
        long now = System.nanoTime();
        long last = lastMemoryWarning.get();
        long unlogged = memoryThrottles.incrementAndGet();
        if (now - last > MEMORY_WARNING_EVERY_NANOS && lastMemoryWarning.compareAndSet(last, now)) {
            memoryThrottles.set(0);
            LOG.warn("throttling {}: the memory budget of {} MB cannot hold another {} MB environment, even after "
                    + "evicting idle ones ({} such throttles since the last warning)", key.function(), pool.budgetMb(),
                    key.config().memorySize(), unlogged);
        }
        return Concurrency.throttled("ConcurrentInvocationLimitExceeded");
    }
}
