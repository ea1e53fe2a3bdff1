package dev.lamina.invoke;

import dev.lamina.invoke.runtime.Launcher;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.LambdaException;
import dev.lamina.store.code.CodeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Cold starts: the package is prepared, the runtime planned and started in a sandbox under a memory
 * claim of the pool, and its init waited for within Lambda's 10-second limit, with INIT_START (and
 * INIT_REPORT when init fails) in the environment's log.
 */
final class ColdStarts {
    private static final Logger LOG = LoggerFactory.getLogger(ColdStarts.class);

    /** How a cold start ended. */
    sealed interface Outcome {
        /** The runtime is waiting in /next. */
        record Ready(Environment environment, Duration initDuration) implements Outcome {
        }

        /** No environment: what the caller of the invocation gets instead. */
        record Failed(FunctionError error) implements Outcome {
        }
    }

    private final Launcher launcher;
    private final Environments environments;
    private final EnvironmentPool pool;
    private final CodeStore code;
    private final InvokeSettings settings;

    ColdStarts(Launcher launcher, Environments environments, EnvironmentPool pool, CodeStore code,
               InvokeSettings settings) {
        this.launcher = launcher;
        this.environments = environments;
        this.pool = pool;
        this.code = code;
        this.settings = settings;
    }

    /**
     * A cold start for an invocation. An init that runs out of its 10 seconds is retried once, as
     * Lambda does, within what is left of the invocation's {@code timeout} (counted from
     * {@code startedNanos}).
     *
     * @throws dev.lamina.model.LambdaException TooManyRequestsException when the node's memory budget
     *         cannot hold one more environment, even after evicting idle ones
     */
    Outcome forInvocation(EnvironmentKey key, String requestId, Duration timeout, long startedNanos)
            throws InterruptedException {
        Duration limit = settings.initTimeout();
        for (int attempt = 1; ; attempt++) {
            EnvironmentPool.Claim claim = pool.claim(key).orElseThrow(() -> memoryThrottle(key));
            Attempt a = attempt(key, false, claim, limit, attempt == 1 ? "init" : "invoke", "RequestId: " + requestId
                    + " Error: ");
            if (a.outcome() != null) {
                return a.outcome();
            }
            Duration left = timeout.minus(Duration.ofNanos(System.nanoTime() - startedNanos));
            if (attempt == 2 || left.isNegative() || left.isZero()) {
                return new Outcome.Failed(FunctionError.of("Sandbox.Timedout", "RequestId: " + requestId
                        + " Error: Task timed out after " + InvokeReport.seconds(timeout)));
            }
            limit = left;
        }
    }

    /**
     * A cold start for provisioned concurrency: one attempt within 10 seconds. A ready environment
     * is left idle in the pool; a failure is described in the words of AWS's StatusReason.
     */
    Outcome provisioned(EnvironmentKey key) throws InterruptedException {
        Optional<EnvironmentPool.Claim> claim = pool.claim(key);
        if (claim.isEmpty()) {
            return new Outcome.Failed(FunctionError.of("Lamina.MemoryBudget", "Lamina's memory budget ("
                    + pool.budgetMb() + " MB) cannot hold another " + key.config().memorySize() + " MB environment."));
        }
        Attempt a = attempt(key, true, claim.get(), settings.initTimeout(), "init", "");
        if (a.outcome() instanceof Outcome.Ready ready) {
            pool.giveBack(ready.environment());
        }
        return a.outcome() != null ? a.outcome() : new Outcome.Failed(FunctionError.of("Sandbox.Timedout",
                "Init did not finish within " + InvokeReport.seconds(settings.initTimeout())));
    }

    /** One start and init; a null outcome means init ran out of time (and the environment was killed). */
    private record Attempt(Outcome outcome) {
    }

    /** @param prefix what Lamina's own error messages start with ("RequestId: … Error: " for an invocation) */
    private Attempt attempt(EnvironmentKey key, boolean provisioned, EnvironmentPool.Claim claim, Duration limit,
                            String phase, String prefix) throws InterruptedException {
        FunctionConfig config = key.config();
        Launcher.Launch launch;
        Environment env;
        try {
            Path task = code.prepare(key.code());
            Launcher.Plan plan = launcher.plan(config.runtime().orElseThrow(), config.handler().orElse(""), task,
                    config.memorySize());
            if (plan instanceof Launcher.Refusal refusal) {
                claim.release();
                return new Attempt(new Outcome.Failed(FunctionError.of(refusal.errorType(), refusal.message())));
            }
            launch = (Launcher.Launch) plan;
            env = environments.start(key, launch, provisioned);
        } catch (Exception e) {
            claim.release();
            if (e instanceof LambdaException lambda) {
                throw lambda; // a package that fails to unpack
            }
            LOG.error("cannot start an environment for {}", key.function(), e);
            return new Attempt(new Outcome.Failed(FunctionError.of("Runtime.Unknown",
                    prefix + "Lamina could not start the runtime: " + e.getMessage())));
        }
        pool.adopt(env, claim);
        env.platformLine(InvokeReport.initStart(launch.runtimeVersion(), settings.region().name(),
                HexFormat.of().formatHex(launch.runtimeVersion().getBytes(StandardCharsets.UTF_8))));
        return new Attempt(switch (env.awaitInit(limit)) {
            case Environment.InitOutcome.Ready ready -> new Outcome.Ready(env, ready.duration());
            case Environment.InitOutcome.TimedOut timedOut -> {
                env.platformLine(InvokeReport.initReport(timedOut.duration(), phase, "timeout", Optional.empty()));
                yield null;
            }
            case Environment.InitOutcome.Failed failed -> {
                env.platformLine(InvokeReport.initReport(failed.duration(), "init", "error",
                        Optional.of(failed.errorType())));
                env.kill();
                yield new Outcome.Failed(FunctionError.posted(failed.errorType(), failed.payload()));
            }
            case Environment.InitOutcome.Exited exited -> {
                String type = exited.status().oomKilled() ? "Runtime.OutOfMemory" : "Runtime.ExitError";
                env.platformLine(InvokeReport.initReport(exited.duration(), "init", "error", Optional.of(type)));
                yield new Outcome.Failed(FunctionError.of(type, prefix + "Runtime exited with error: "
                        + exited.status().describe()));
            }
        });
    }

    /** Lambda has no memory-budget throttle; Lamina answers as for an exhausted concurrency pool, and says why in its log. */
    private LambdaException memoryThrottle(EnvironmentKey key) {
        LOG.warn("throttling {}: the memory budget of {} MB cannot hold another {} MB environment, even after "
                + "evicting idle ones", key.function(), pool.budgetMb(), key.config().memorySize());
        return Concurrency.throttled("ConcurrentInvocationLimitExceeded");
    }
}
