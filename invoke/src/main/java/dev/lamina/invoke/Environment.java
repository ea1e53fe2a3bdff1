package dev.lamina.invoke;

import dev.lamina.logs.LogStream;
import dev.lamina.invoke.logs.LineSplitter;
import dev.lamina.invoke.logs.TailBuffer;
import dev.lamina.model.RuntimeId;
import dev.lamina.sandbox.ExitStatus;
import dev.lamina.sandbox.OutputReader;
import dev.lamina.sandbox.SandboxedProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution environment: a sandboxed runtime serving one function version, its Runtime API
 * endpoint and its log stream. Its lifecycle is {@link EnvironmentState}; every change of state goes
 * through {@link #transition}. Used by one invocation at a time; the pool guarantees that.
 */
final class Environment {
    private static final Logger LOG = LoggerFactory.getLogger(Environment.class);
    /** Lambda's SHUTDOWN grace: SIGTERM, then SIGKILL after two seconds. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);
    /** How long output already written may take to reach the log before END is logged. */
    private static final long DRAIN_MS = 20;
    /** How long a runtime whose streamed response broke off may take to exit before it is killed. */
    private static final long EXIT_WAIT_MS = 1000;

    /** How the runtime's init ended. */
    sealed interface InitOutcome {
        record Ready(Duration duration) implements InitOutcome { }
        record Failed(Duration duration, String errorType, byte[] payload) implements InitOutcome { }
        record Exited(Duration duration, ExitStatus status) implements InitOutcome { }
        record TimedOut(Duration duration) implements InitOutcome { }
    }

    /** How one invocation ended. */
    sealed interface InvokeOutcome {
        record Answered(RuntimeAnswer answer) implements InvokeOutcome { }
        record Exited(ExitStatus status) implements InvokeOutcome { }
        /** The runtime exited before it took the invocation: it never ran, and may run elsewhere. */
        record NotTaken(ExitStatus status) implements InvokeOutcome { }
        record TimedOut() implements InvokeOutcome { }
        /** A streamed response ended (its body delivered or collected, or an error after it began). */
        record Streamed(StreamReceiver.Received received) implements InvokeOutcome { }
    }

    private final String id;
    private final EnvironmentKey key;
    private final boolean provisioned;
    private final SandboxedProcess process;
    private final RuntimeChannel channel;
    private final Runnable releaseEndpoint;
    private final Instant retireBy;
    private final LogStream log;
    private final PlatformLog platformLog;
    private final Clock clock;
    private final long startedNanos = System.nanoTime();
    private final LineSplitter stdout;
    private final LineSplitter stderr;
    private final OutputReader output;
    private EnvironmentState state = EnvironmentState.INITIALIZING;
    private volatile TailBuffer capture;
    private volatile long lastUsedNanos = System.nanoTime();

    /**
     * @param provisioned     started for provisioned concurrency: kept ready, never reaped for being idle
     * @param releaseEndpoint run once the environment has ended: closes its endpoint, revokes its credentials
     * @param retireBy        after this, the environment takes no more invocations (its credentials expire soon)
     */
    Environment(String id, EnvironmentKey key, boolean provisioned, SandboxedProcess process, RuntimeChannel channel,
                Runnable releaseEndpoint, Instant retireBy, LogStream log, Clock clock) {
        this.id = id;
        this.key = key;
        this.provisioned = provisioned;
        this.process = process;
        this.channel = channel;
        this.releaseEndpoint = releaseEndpoint;
        this.retireBy = retireBy;
        this.log = log;
        this.platformLog = PlatformLog.of(key.config().logging());
        this.clock = clock;
        // The Java runtime interface client writes its log calls as telemetry frames on stdout (Launcher).
        this.stdout = new LineSplitter(this::runtimeLine, key.config().runtime()
                .filter(r -> r.family() == RuntimeId.Family.JAVA).isPresent());
        this.stderr = new LineSplitter(this::runtimeLine);
        this.output = process.readOutput(stdout, stderr);
        channel.freezeWhileParked(process::freeze, process::thaw);
        process.onExit().whenComplete((status, error) -> ended());
    }

    String id() {
        return id;
    }

    EnvironmentKey key() {
        return key;
    }

    boolean provisioned() {
        return provisioned;
    }

    synchronized EnvironmentState state() {
        return state;
    }

    /** Whether the environment's credentials expire too soon for another invocation. */
    boolean mustRetire() {
        return !clock.instant().isBefore(retireBy);
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    /** The most memory this environment has used, in MB, as the REPORT line gives it. */
    long maxMemoryUsedMb() {
        long peak = process.peakMemoryBytes();
        return peak < 0 ? 0 : (peak + (1 << 20) - 1) >> 20;
    }

    /** The moment this transition is legal, it happens; otherwise nothing changes and it says so. */
    synchronized boolean transition(EnvironmentState.Event event) {
        try {
            state = state.on(event);
            return true;
        } catch (EnvironmentState.IllegalTransitionException e) {
            return false;
        }
    }

    /** Waits for the runtime's first /next, an init error, its exit, or the limit. */
    InitOutcome awaitInit(Duration limit) throws InterruptedException {
        CompletableFuture<Object> first = CompletableFuture.anyOf(channel.init(), process.onExit());
        try {
            Object result = first.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            Duration took = sinceStart();
            if (result instanceof ExitStatus status) {
                transition(EnvironmentState.Event.EXITED);
                return new InitOutcome.Exited(took, status);
            }
            @SuppressWarnings("unchecked")
            Optional<RuntimeChannel.InitError> error = (Optional<RuntimeChannel.InitError>) result;
            if (error.isPresent()) {
                transition(EnvironmentState.Event.INIT_ERROR);
                return new InitOutcome.Failed(took, error.get().errorType(), error.get().payload());
            }
            ready();
            return new InitOutcome.Ready(took);
        } catch (TimeoutException e) {
            transition(EnvironmentState.Event.TIMEOUT);
            kill();
            return new InitOutcome.TimedOut(sinceStart());
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for init failed", e.getCause());
        }
    }

    /** The runtime's first /next arrived: init is over, and invocations get their CPU share. */
    private void ready() {
        process.limitCpu(key.config().memorySize() / Environments.MB_PER_VCPU);
        transition(EnvironmentState.Event.READY);
    }

    /**
     * Hands the invocation to the runtime and waits for its answer, its exit, or the timeout. A
     * timeout kills the environment, as Lambda resets it.
     */
    InvokeOutcome invoke(Invocation invocation, Duration timeout) throws InterruptedException {
        return invoke(invocation, timeout, null);
    }

    /**
     * As {@link #invoke(Invocation, Duration)}; a response the runtime streams goes to {@code sink}
     * as it arrives, or, when {@code sink} is null, is collected into the payload (up to the
     * buffered limit). The timeout covers the whole stream.
     */
    InvokeOutcome invoke(Invocation invocation, Duration timeout, ResponseSink sink) throws InterruptedException {
        if (!transition(EnvironmentState.Event.INVOKE)) {
            throw new IllegalStateException("environment " + id + " is " + state() + ", not IDLE");
        }
        long started = System.nanoTime();
        lastUsedNanos = started;
        long limitMs = Math.max(1, timeout.toMillis());
        CompletableFuture<RuntimeAnswer> answer = channel.handOver(invocation);
        CompletableFuture<Object> first = CompletableFuture.anyOf(answer, process.onExit());
        try {
            Object result = first.get(limitMs, TimeUnit.MILLISECONDS);
            if (result instanceof ExitStatus status) {
                transition(EnvironmentState.Event.EXITED);
                return channel.withdraw(invocation) ? new InvokeOutcome.NotTaken(status)
                        : new InvokeOutcome.Exited(status);
            }
            if (result instanceof RuntimeAnswer.Streaming streaming) {
                return streamed(streaming.stream(), sink, started + TimeUnit.MILLISECONDS.toNanos(limitMs));
            }
            responded();
            return new InvokeOutcome.Answered((RuntimeAnswer) result);
        } catch (TimeoutException e) {
            return timedOut();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the runtime failed", e.getCause());
        } finally {
            lastUsedNanos = System.nanoTime();
        }
    }

    private InvokeOutcome streamed(ResponseStream stream, ResponseSink sink, long deadlineNanos)
            throws InterruptedException {
        StreamReceiver.Received received = StreamReceiver.receive(stream, sink, deadlineNanos,
                RuntimeApiServer.MAX_RESPONSE_BYTES);
        switch (received) {
            case StreamReceiver.Received.TimedOut t -> {
                return timedOut();
            }
            case StreamReceiver.Received.Broken b -> {
                // The runtime's connection broke mid-stream: it died, or is in no state to go on.
                ExitStatus status = awaitExit();
                transition(EnvironmentState.Event.EXITED);
                return new InvokeOutcome.Exited(status);
            }
            default -> {
                responded();
                return new InvokeOutcome.Streamed(received);
            }
        }
    }

    private void responded() throws InterruptedException {
        transition(EnvironmentState.Event.RESPONDED);
        // What the runtime wrote before answering belongs before END.
        output.drain(DRAIN_MS);
        stdout.flushPartial();
        stderr.flushPartial();
    }

    private InvokeOutcome timedOut() {
        transition(EnvironmentState.Event.TIMEOUT);
        kill();
        return new InvokeOutcome.TimedOut();
    }

    /** How the process ended: at once if it is ending already, else after it is killed. */
    private ExitStatus awaitExit() throws InterruptedException {
        try {
            return process.onExit().get(EXIT_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill();
            try {
                return process.onExit().get(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException again) {
                return new ExitStatus(128 + 9, false);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the runtime failed", e.getCause());
        }
    }

    /** From now on, log lines also go to {@code tail} (null for none), until {@link #endCapture()}. */
    void beginCapture(TailBuffer tail) {
        capture = tail;
    }

    /** Ends the invocation's log capture; later lines go to the stream only. */
    void endCapture() {
        capture = null;
    }

    /**
     * Platform events in this environment's log, in the function's log format and above its system
     * log level; the lines of several events (an invocation's end and report) are written together.
     */
    void platform(PlatformEvent... events) {
        Instant now = clock.instant();
        List<String> lines = new ArrayList<>(4);
        for (PlatformEvent event : events) {
            lines.addAll(platformLog.lines(event, now));
        }
        if (lines.isEmpty()) {
            return;
        }
        log.append(now.toEpochMilli(), lines.toArray(String[]::new));
        TailBuffer tail = capture;
        if (tail != null) {
            for (String line : lines) {
                tail.add(line);
            }
        }
    }

    private void runtimeLine(String line) {
        append(line);
    }

    private void append(String line) {
        log.append(clock.millis(), line);
        TailBuffer tail = capture;
        if (tail != null) {
            tail.add(line);
        }
    }

    /**
     * Lambda's SHUTDOWN: SIGTERM, then SIGKILL after the grace. The runtime's pending /next stays
     * blocked meanwhile, as on Lambda, so the runtime's signal handler decides how it ends. Returns at once.
     */
    void stop() {
        if (transition(EnvironmentState.Event.STOP)) {
            channel.stopFreezing(); // before terminate's thaw, so nothing freezes the runtime again
            process.terminate(SHUTDOWN_GRACE);
        }
    }

    /** Ends the environment at once. */
    void kill() {
        channel.close();
        process.kill();
    }

    /** Completes when the environment's processes have ended and its resources are released. */
    CompletableFuture<ExitStatus> onExit() {
        return process.onExit();
    }

    private void ended() {
        transition(EnvironmentState.Event.EXITED);
        channel.close();
        releaseEndpoint.run();
        try {
            output.awaitEnd(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
        LOG.debug("environment {} of {} ended as {}", id, key, state());
    }

    private Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
