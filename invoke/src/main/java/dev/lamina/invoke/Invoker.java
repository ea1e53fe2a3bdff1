package dev.lamina.invoke;

import dev.lamina.invoke.logs.TailBuffer;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import dev.lamina.model.TraceHeader;
import dev.lamina.sandbox.ExitStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Synchronous invocation: resolves the version, takes an execution slot within the concurrency
 * limits, takes a warm environment of exactly that version or starts one (cold start), hands the
 * event to the runtime, and turns what happens into Lambda's answer and log lines. Every way of
 * invoking a function ends here.
 */
public final class Invoker {

    /**
     * One invocation request.
     *
     * @param requestId     the invocation's id: the function's awsRequestId, and the API answer's
     * @param clientContext the decoded X-Amz-Client-Context document
     * @param tailLog       whether the caller wants the last 4 KB of the log (X-Amz-Log-Type: Tail)
     * @param trace         the caller's trace context (X-Amzn-Trace-Id or traceparent), if it sent a valid one;
     *                      the function's own header is decided from it (FunctionTrace)
     * @param asynchronous  an event from the asynchronous queue, which yields to synchronous callers
     * @param receivedAt    for an asynchronous event, when Lamina accepted it
     */
    public record Request(String requestId, FunctionRef function, Optional<Qualifier> qualifier, byte[] payload,
                          Optional<String> clientContext, boolean tailLog, Optional<TraceHeader> trace,
                          boolean asynchronous, Optional<Instant> receivedAt) {
        public Request {
            Objects.requireNonNull(requestId);
            Objects.requireNonNull(function);
            Objects.requireNonNull(qualifier);
            Objects.requireNonNull(payload);
            Objects.requireNonNull(clientContext);
            Objects.requireNonNull(trace);
            Objects.requireNonNull(receivedAt);
        }

        /** A synchronous request. */
        public Request(String requestId, FunctionRef function, Optional<Qualifier> qualifier, byte[] payload,
                       Optional<String> clientContext, boolean tailLog, Optional<TraceHeader> trace) {
            this(requestId, function, qualifier, payload, clientContext, tailLog, trace, false, Optional.empty());
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
    private final Concurrency concurrency;
    private final ColdStarts coldStarts;
    private final EnvironmentPool pool;
    private final KeepAlive keepAlive;
    private final InvocationObserver observer;
    private final Clock clock;

    Invoker(Targets targets, Concurrency concurrency, ColdStarts coldStarts, EnvironmentPool pool, KeepAlive keepAlive,
            InvocationObserver observer, Clock clock) {
        this.targets = targets;
        this.concurrency = concurrency;
        this.coldStarts = coldStarts;
        this.pool = pool;
        this.keepAlive = keepAlive;
        this.observer = observer;
        this.clock = clock;
    }

    /**
     * Runs one invocation to its end.
     *
     * @throws dev.lamina.model.LambdaException the AWS error when the function cannot be invoked at
     *         all (not found, not ready, throttled); a function that fails answers a Result
     */
    public Result invoke(Request request) throws InterruptedException {
        return invoke(request, null);
    }

    /** @param sink null to collect a streamed response into the Result's payload */
    private Result invoke(Request request, ResponseSink sink) throws InterruptedException {
        Target target = targets.resolve(request.function(), request.qualifier());
        Concurrency.Slot slot;
        try {
            slot = concurrency.acquire(target.version().functionName(), target.limits(), request.asynchronous());
        } catch (LambdaException e) {
            throw throttled(request, target, e);
        }
        try (slot) {
            keepAlive.invoked(target.version().functionName());
            return run(request, target, sink, false);
        }
    }

    /**
     * Runs one invocation to its end, passing a streamed response to {@code sink} as the runtime
     * writes it. When the runtime streams, {@code sink} gets {@code started} and every chunk and the
     * Result's payload is empty; when it answers in one piece (a function that does not stream) the
     * sink is never called and the Result is as from {@link #invoke}. An error after streaming began
     * (the runtime's Lambda-Runtime-Function-Error-Type/-Body trailers, a timeout, a crash) is the
     * Result's functionError and error document. Streamed responses may reach 20 MB (Lambda's limit).
     *
     * @throws dev.lamina.model.LambdaException as {@link #invoke}
     */
    public Result invokeStreaming(Request request, ResponseSink sink) throws InterruptedException {
        return invoke(request, Objects.requireNonNull(sink));
    }

    /**
     * Checks that {@code function} can be invoked now (it exists, with that qualifier, and is not
     * still being created): what an asynchronous invocation is checked for before it is accepted.
     *
     * @return the version an invocation would run, for X-Amz-Executed-Version
     */
    public String check(FunctionRef function, Optional<Qualifier> qualifier) {
        return targets.resolve(function, qualifier).executedVersion();
    }

    /** @param retried whether this is the second try, after an environment died before it took the invocation */
    private Result run(Request request, Target target, ResponseSink sink, boolean retried) throws InterruptedException {
        String requestId = request.requestId();
        Duration timeout = Duration.ofSeconds(target.deployed().config().timeout());
        Instant startedAt = clock.instant();
        long started = System.nanoTime();
        TraceHeader trace = FunctionTrace.of(request.trace(), target.deployed().config().tracingMode(), startedAt,
                ThreadLocalRandom.current());
        TailBuffer tail = request.tailLog() ? new TailBuffer(TailBuffer.LAMBDA_TAIL_BYTES) : null;
        EnvironmentKey key = target.key();

        Optional<Duration> init = Optional.empty();
        Environment env = pool.take(key).orElse(null);
        if (env == null) {
            pool.retireSuperseded(key);
            ColdStarts.Outcome cold;
            try {
                cold = coldStarts.forInvocation(key, requestId, timeout, started);
            } catch (LambdaException e) {
                throw e.code() == ErrorCode.TOO_MANY_REQUESTS ? throttled(request, target, e) : e;
            }
            switch (cold) {
                case ColdStarts.Outcome.Failed failed -> {
                    boolean timedOut = failed.error().errorType().equals("Sandbox.Timedout");
                    observer.ended(summary(request, target, trace, startedAt, failed.initDuration(), Duration.ZERO, false,
                            timedOut ? InvocationSummary.Outcome.TIMEOUT : InvocationSummary.Outcome.ERROR,
                            Optional.of(failed.error().errorType())));
                    return failed(requestId, target, failed.error(), tail);
                }
                case ColdStarts.Outcome.Ready ready -> {
                    env = ready.environment();
                    init = Optional.of(ready.initDuration());
                }
            }
        }
        // The function's timeout covers the invocation, not its init (which has a limit of its own).
        Duration left = timeout.minus(Duration.ofNanos(System.nanoTime() - started)).plus(init.orElse(Duration.ZERO));
        return handOver(env, request, target, trace, startedAt, left, init, tail, sink, retried);
    }

    private Result handOver(Environment env, Request request, Target target, TraceHeader trace, Instant startedAt,
                            Duration left, Optional<Duration> init, TailBuffer tail, ResponseSink sink,
                            boolean retried) throws InterruptedException {
        String requestId = request.requestId();
        FunctionConfig config = target.deployed().config();
        Duration timeout = Duration.ofSeconds(config.timeout());
        Duration budget = left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left;
        Invocation invocation = new Invocation(requestId, request.payload(), clock.millis() + budget.toMillis(),
                target.invokedArn().toString(), request.clientContext(), Optional.of(trace));
        env.beginCapture(tail);
        env.platform(new PlatformEvent.Start(requestId, target.executedVersion()));
        long started = System.nanoTime();
        Environment.InvokeOutcome outcome;
        try {
            outcome = env.invoke(invocation, budget, sink);
        } catch (InterruptedException | RuntimeException e) {
            env.kill(); // whatever state it is in now, nobody will give it back
            throw e;
        }
        if (outcome instanceof Environment.InvokeOutcome.NotTaken && !retried) {
            // An idle environment whose runtime was already on its way out (it exits after reporting
            // an uncaught exception): the invocation never ran there, so it runs in another, once.
            env.endCapture();
            pool.giveBack(env);
            return run(request, target, sink, true);
        }
        // Never zero: a zero duration tells observers the handler never ran (InvocationSummary).
        Duration duration = Duration.ofNanos(Math.max(1, System.nanoTime() - started));

        FunctionError failure = null;
        byte[] payload = null;
        long produced = -1; // the payload's length unless a stream says otherwise
        PlatformEvent.Ending ending;
        Optional<String> errorType = Optional.empty();
        Optional<String> exit = Optional.empty();
        switch (outcome) {
            case Environment.InvokeOutcome.Answered(RuntimeAnswer.Response response) -> {
                payload = response.payload();
                ending = PlatformEvent.Ending.RESPONSE;
            }
            case Environment.InvokeOutcome.Answered(RuntimeAnswer.Error error) -> {
                failure = FunctionError.posted(error.errorType(), error.payload());
                ending = PlatformEvent.Ending.FUNCTION_ERROR;
            }
            case Environment.InvokeOutcome.Answered(RuntimeAnswer.TooLarge tooLarge) -> {
                failure = tooLarge(RuntimeApiServer.MAX_RESPONSE_BYTES);
                ending = PlatformEvent.Ending.FUNCTION_ERROR;
            }
            case Environment.InvokeOutcome.Answered(RuntimeAnswer.Streaming streaming) ->
                    throw new IllegalStateException("a stream is received by the environment");
            case Environment.InvokeOutcome.Streamed(StreamReceiver.Received.Done done) -> {
                payload = done.buffered() == null ? new byte[0] : done.buffered();
                produced = done.bytes();
                ending = PlatformEvent.Ending.RESPONSE;
            }
            case Environment.InvokeOutcome.Streamed(StreamReceiver.Received.Failed streamFailed) -> {
                failure = FunctionError.posted(streamFailed.error().errorType(), streamFailed.error().payload());
                produced = streamFailed.bytes();
                ending = PlatformEvent.Ending.FUNCTION_ERROR;
            }
            case Environment.InvokeOutcome.Streamed(StreamReceiver.Received.TooLarge streamTooLarge) -> {
                failure = tooLarge(streamTooLarge.limit());
                produced = streamTooLarge.bytes();
                ending = PlatformEvent.Ending.FUNCTION_ERROR;
            }
            case Environment.InvokeOutcome.Streamed streamed ->
                    throw new IllegalStateException("the environment ends timeouts and breaks itself: " + streamed);
            case Environment.InvokeOutcome.Exited(ExitStatus status) -> {
                failure = exitError(requestId, status);
                exit = Optional.of(status.describe());
                ending = PlatformEvent.Ending.RUNTIME_EXIT;
            }
            case Environment.InvokeOutcome.NotTaken(ExitStatus status) -> {
                failure = exitError(requestId, status);
                exit = Optional.of(status.describe());
                ending = PlatformEvent.Ending.RUNTIME_EXIT;
            }
            case Environment.InvokeOutcome.TimedOut timedOut -> {
                failure = FunctionError.of("Sandbox.Timedout", "RequestId: " + requestId
                        + " Error: Task timed out after " + InvokeReport.seconds(timeout));
                ending = PlatformEvent.Ending.TIMEOUT;
                duration = timeout;
            }
        }
        if (failure != null) {
            errorType = Optional.of(failure.errorType());
        }
        env.platform(new PlatformEvent.InvokeEnd(requestId, ending, errorType, exit, duration, config.memorySize(),
                env.maxMemoryUsedMb(), init, produced >= 0 ? produced : payload == null ? 0 : payload.length));
        env.endCapture();
        boolean provisioned = env.provisioned();
        pool.giveBack(env);
        InvocationSummary.Outcome ended = switch (ending.status()) {
            case SUCCESS -> InvocationSummary.Outcome.SUCCESS;
            case ERROR -> InvocationSummary.Outcome.ERROR;
            case TIMEOUT -> InvocationSummary.Outcome.TIMEOUT;
        };
        observer.ended(summary(request, target, trace, startedAt, init, duration, provisioned, ended, errorType));
        if (failure != null) {
            return failed(requestId, target, failure, tail);
        }
        return new Result(requestId, payload, Optional.empty(), target.executedVersion(),
                Optional.ofNullable(tail).map(TailBuffer::base64));
    }

    /** Lambda's error for a runtime that exited during the invocation. */
    private static FunctionError exitError(String requestId, ExitStatus status) {
        String type = status.oomKilled() ? "Runtime.OutOfMemory" : "Runtime.ExitError";
        return FunctionError.of(type, "RequestId: " + requestId + " Error: Runtime exited with error: "
                + status.describe());
    }

    /** Lambda's error for a response past {@code limit} bytes. */
    private static FunctionError tooLarge(long limit) {
        return FunctionError.of("Function.ResponseSizeTooLarge", "Response payload size exceeded maximum allowed "
                + "payload size (" + limit + " bytes).");
    }

    /** @param trace the trace header the function was given */
    private static InvocationSummary summary(Request request, Target target, TraceHeader trace, Instant startedAt,
                                             Optional<Duration> init, Duration duration, boolean provisioned,
                                             InvocationSummary.Outcome outcome, Optional<String> errorType) {
        return new InvocationSummary(request.requestId(), target.version().functionName(), target.executedVersion(),
                alias(target), target.deployed().config().memorySize(), request.asynchronous(), request.receivedAt(),
                startedAt, init, duration, provisioned, outcome, errorType, Optional.of(trace),
                request.trace().flatMap(TraceHeader::parentId), !provisioned && target.provisionedConfigured());
    }

    /**
     * Tells the observer of a throttle (a concurrency limit, or the node's memory budget) with AWS's
     * Reason, and gives back the exception for the caller to throw.
     */
    private LambdaException throttled(Request request, Target target, LambdaException e) {
        observer.throttled(target.version().functionName(), target.executedVersion(), alias(target),
                e.members().getOrDefault("Reason", ""), request.asynchronous());
        return e;
    }

    /** The alias the caller named, if it named one. */
    private static Optional<String> alias(Target target) {
        return target.invokedArn().qualifier()
                .filter(q -> q instanceof Qualifier.Alias)
                .map(Qualifier::value);
    }

    private static Result failed(String requestId, Target target, FunctionError error, TailBuffer tail) {
        return new Result(requestId, error.payload(), Optional.of("Unhandled"), target.executedVersion(),
                Optional.ofNullable(tail).map(TailBuffer::base64));
    }
}
