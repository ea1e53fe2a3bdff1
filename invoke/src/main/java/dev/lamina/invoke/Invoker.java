package dev.lamina.invoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.invoke.logs.TailBuffer;
import dev.lamina.invoke.runtime.Launcher;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.Qualifier;
import dev.lamina.store.code.CodeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Synchronous invocation: resolves the version, takes a warm environment of exactly that version or
 * starts one (cold start), hands the event to the runtime, and turns what happens into Lambda's
 * answer and log lines. Every way of invoking a function ends here.
 */
public final class Invoker {
    private static final Logger LOG = LoggerFactory.getLogger(Invoker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One invocation request.
     *
     * @param requestId     the invocation's id: the function's awsRequestId, and the API answer's
     * @param clientContext the decoded X-Amz-Client-Context document
     * @param tailLog       whether the caller wants the last 4 KB of the log (X-Amz-Log-Type: Tail)
     */
    public record Request(String requestId, FunctionRef function, Optional<Qualifier> qualifier, byte[] payload,
                          Optional<String> clientContext, boolean tailLog, Optional<String> traceId) {
        public Request {
            Objects.requireNonNull(requestId);
            Objects.requireNonNull(function);
            Objects.requireNonNull(qualifier);
            Objects.requireNonNull(payload);
            Objects.requireNonNull(clientContext);
            Objects.requireNonNull(traceId);
        }
    }

    /**
     * What the caller gets back.
     *
     * @param functionError "Unhandled" when the function failed; the payload is then the error document
     * @param logTail       base64 of the invocation's last 4 KB of log, when asked for
     */
    public record Result(String requestId, byte[] payload, Optional<String> functionError, String executedVersion,
                         Optional<String> logTail) {
    }

    private final Targets targets;
    private final Launcher launcher;
    private final Environments environments;
    private final EnvironmentPool pool;
    private final CodeStore code;
    private final InvokeSettings settings;
    private final Clock clock;

    Invoker(Targets targets, Launcher launcher, Environments environments, EnvironmentPool pool, CodeStore code,
            InvokeSettings settings, Clock clock) {
        this.targets = targets;
        this.launcher = launcher;
        this.environments = environments;
        this.pool = pool;
        this.code = code;
        this.settings = settings;
        this.clock = clock;
    }

    public Result invoke(Request request) throws InterruptedException {
        Target target = targets.resolve(request.function(), request.qualifier());
        String requestId = request.requestId();
        FunctionConfig config = target.deployed().config();
        Duration timeout = Duration.ofSeconds(config.timeout());
        long started = System.nanoTime();
        TailBuffer tail = request.tailLog() ? new TailBuffer(TailBuffer.LAMBDA_TAIL_BYTES) : null;
        EnvironmentKey key = new EnvironmentKey(target.version().functionName(), target.executedVersion(),
                target.deployed().code().digest(), config);

        Optional<Duration> init = Optional.empty();
        Environment env = pool.take(key).orElse(null);
        if (env == null) {
            Cold cold = coldStart(key, target, requestId, timeout, started, tail);
            if (cold.failure() != null) {
                return result(requestId, target, cold.failure(), tail);
            }
            env = cold.environment();
            init = Optional.of(cold.initDuration());
        }
        return run(env, request, target, requestId, timeout.minus(Duration.ofNanos(System.nanoTime() - started))
                .plus(init.orElse(Duration.ZERO)), init, tail);
    }

    private record Cold(Environment environment, Duration initDuration, Failure failure) {
    }

    /** A function error document and its type. */
    private record Failure(String errorType, byte[] payload) {
        static Failure of(String errorType, String message) {
            ObjectNode o = JSON.createObjectNode().put("errorType", errorType).put("errorMessage", message);
            return new Failure(errorType, o.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Starts an environment and runs its init within Lambda's 10 s limit. An init that times out is
     * retried once, as Lambda does, within what is left of the function's own timeout.
     */
    private Cold coldStart(EnvironmentKey key, Target target, String requestId, Duration timeout, long started,
                           TailBuffer tail) throws InterruptedException {
        FunctionConfig config = key.config();
        Path task = code.prepare(target.deployed().code());
        Launcher.Plan plan = launcher.plan(config.runtime().orElseThrow(), config.handler().orElse(""), task,
                config.memorySize());
        if (plan instanceof Launcher.Refusal refusal) {
            return new Cold(null, Duration.ZERO, Failure.of(refusal.errorType(), refusal.message()));
        }
        Launcher.Launch launch = (Launcher.Launch) plan;
        Duration limit = settings.initTimeout();
        for (int attempt = 1; attempt <= 2; attempt++) {
            Environment env;
            try {
                env = environments.start(key, launch, task);
            } catch (Exception e) {
                LOG.error("cannot start an environment for {}", key.function(), e);
                return new Cold(null, Duration.ZERO, Failure.of("Runtime.Unknown",
                        "RequestId: " + requestId + " Error: Lamina could not start the runtime: " + e.getMessage()));
            }
            pool.adopt(env);
            env.platformLine(InvokeReport.initStart(launch.runtimeVersion(), settings.region().name(),
                    HexFormat.of().formatHex(launch.runtimeVersion().getBytes(StandardCharsets.UTF_8))));
            Environment.InitOutcome outcome = env.awaitInit(limit);
            switch (outcome) {
                case Environment.InitOutcome.Ready ready -> {
                    return new Cold(env, ready.duration(), null);
                }
                case Environment.InitOutcome.TimedOut timedOut -> {
                    env.platformLine(InvokeReport.initReport(timedOut.duration(), attempt == 1 ? "init" : "invoke",
                            "timeout", Optional.empty()));
                    Duration left = timeout.minus(Duration.ofNanos(System.nanoTime() - started));
                    if (attempt == 2 || left.isNegative() || left.isZero()) {
                        return new Cold(null, Duration.ZERO, Failure.of("Sandbox.Timedout", "RequestId: " + requestId
                                + " Error: Task timed out after " + InvokeReport.seconds(timeout)));
                    }
                    limit = left;
                }
                case Environment.InitOutcome.Failed failed -> {
                    env.platformLine(InvokeReport.initReport(failed.duration(), "init", "error",
                            Optional.of(failed.errorType())));
                    env.kill();
                    return new Cold(null, Duration.ZERO, new Failure(failed.errorType(),
                            errorDocument(failed.errorType(), failed.payload())));
                }
                case Environment.InitOutcome.Exited exited -> {
                    String type = exited.status().oomKilled() ? "Runtime.OutOfMemory" : "Runtime.ExitError";
                    env.platformLine(InvokeReport.initReport(exited.duration(), "init", "error", Optional.of(type)));
                    return new Cold(null, Duration.ZERO, Failure.of(type, "RequestId: " + requestId
                            + " Error: Runtime exited with error: " + exited.status().describe()));
                }
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private Result run(Environment env, Request request, Target target, String requestId, Duration left,
                       Optional<Duration> init, TailBuffer tail) throws InterruptedException {
        FunctionConfig config = target.deployed().config();
        Duration timeout = Duration.ofSeconds(config.timeout());
        Duration budget = left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left;
        long deadline = clock.millis() + budget.toMillis();
        Invocation invocation = new Invocation(requestId, request.payload(), deadline, target.invokedArn().toString(),
                request.clientContext(), request.traceId());
        env.beginCapture(tail);
        env.platformLine(InvokeReport.start(requestId, target.executedVersion()));
        long started = System.nanoTime();
        Environment.InvokeOutcome outcome = env.invoke(invocation, budget);
        Duration duration = Duration.ofNanos(System.nanoTime() - started);

        Failure failure = null;
        byte[] payload = null;
        Optional<String> status = Optional.empty();
        switch (outcome) {
            case Environment.InvokeOutcome.Answered(RuntimeAnswer.Response response) -> payload = response.payload();
            case Environment.InvokeOutcome.Answered(RuntimeAnswer.Error error) ->
                    failure = new Failure(error.errorType(), errorDocument(error.errorType(), error.payload()));
            case Environment.InvokeOutcome.Answered(RuntimeAnswer.TooLarge tooLarge) -> failure = Failure.of(
                    "Function.ResponseSizeTooLarge", "Response payload size exceeded maximum allowed payload size ("
                            + RuntimeApiServer.MAX_RESPONSE_BYTES + " bytes).");
            case Environment.InvokeOutcome.Exited exited -> {
                String type = exited.status().oomKilled() ? "Runtime.OutOfMemory" : "Runtime.ExitError";
                String message = "RequestId: " + requestId + " Error: Runtime exited with error: "
                        + exited.status().describe();
                env.platformLine(message);
                env.platformLine(type);
                failure = Failure.of(type, message);
                status = Optional.of("error");
            }
            case Environment.InvokeOutcome.TimedOut timedOut -> {
                env.platformLine(clock.instant() + " " + requestId + " Task timed out after "
                        + InvokeReport.seconds(timeout));
                failure = Failure.of("Sandbox.Timedout", "RequestId: " + requestId + " Error: Task timed out after "
                        + InvokeReport.seconds(timeout));
                status = Optional.of("timeout");
                duration = timeout;
            }
        }
        env.platformLine(InvokeReport.end(requestId));
        env.platformLine(InvokeReport.report(requestId, duration, config.memorySize(), env.maxMemoryUsedMb(), init,
                status, status.filter("error"::equals).map(s -> failureType(outcome))));
        env.endCapture();
        pool.giveBack(env);
        if (failure != null) {
            return result(requestId, target, failure, tail);
        }
        return new Result(requestId, payload, Optional.empty(), target.executedVersion(),
                Optional.ofNullable(tail).map(TailBuffer::base64));
    }

    private static String failureType(Environment.InvokeOutcome outcome) {
        return outcome instanceof Environment.InvokeOutcome.Exited e && e.status().oomKilled()
                ? "Runtime.OutOfMemory" : "Runtime.ExitError";
    }

    private static Result result(String requestId, Target target, Failure failure, TailBuffer tail) {
        return new Result(requestId, failure.payload(), Optional.of("Unhandled"), target.executedVersion(),
                Optional.ofNullable(tail).map(TailBuffer::base64));
    }

    /**
     * The error document of a function error: what the runtime posted when it is a JSON object, or
     * one built from the error type when the runtime posted nothing usable.
     */
    private static byte[] errorDocument(String errorType, byte[] posted) {
        try {
            if (posted.length > 0 && JSON.readTree(posted).isObject()) {
                return posted;
            }
        } catch (java.io.IOException e) {
            // not JSON: fall through
        }
        return Failure.of(errorType, "").payload();
    }
}
