package dev.lamina.server.tracing;

import dev.lamina.invoke.InvocationSummary;
import dev.lamina.model.TraceHeader;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The spans of one invocation, built after it ended from its summary, with explicit timestamps:
 * <pre>
 * {function}            SERVER (CONSUMER for an async event), child of the caller's span
 *   ├─ queue            async events: accepted → started
 *   ├─ init             cold starts: the environment's init
 *   └─ invoke           the handler; its id is the Parent the function's trace header named
 * </pre>
 * Attributes follow OpenTelemetry's FaaS conventions (faas.*, cloud.resource_id).
 */
final class InvocationSpans {
    static final AttributeKey<String> INVOCATION_ID = AttributeKey.stringKey("faas.invocation_id");
    static final AttributeKey<String> NAME = AttributeKey.stringKey("faas.name");
    static final AttributeKey<String> VERSION = AttributeKey.stringKey("faas.version");
    static final AttributeKey<Boolean> COLDSTART = AttributeKey.booleanKey("faas.coldstart");
    static final AttributeKey<String> TRIGGER = AttributeKey.stringKey("faas.trigger");
    static final AttributeKey<Long> MAX_MEMORY = AttributeKey.longKey("faas.max_memory");
    static final AttributeKey<String> RESOURCE_ID = AttributeKey.stringKey("cloud.resource_id");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final Tracer tracer;
    private final PresetIds ids;
    private final String functionArnPrefix;

    /** @param functionArnPrefix {@code arn:aws:lambda:<region>:<account>:function:} */
    InvocationSpans(Tracer tracer, PresetIds ids, String functionArnPrefix) {
        this.tracer = tracer;
        this.ids = ids;
        this.functionArnPrefix = functionArnPrefix;
    }

    /** How many spans {@link #record} makes of {@code s}. */
    static int count(InvocationSummary s) {
        return 1 + (s.asynchronous() && s.receivedAt().isPresent() ? 1 : 0) + (s.init().isPresent() ? 1 : 0)
                + (startedToRun(s) ? 1 : 0);
    }

    /** Ends the invocation's spans into the tracer's processor; {@code trace} is the function's sampled header. */
    void record(InvocationSummary s, TraceHeader trace) {
        Instant initEnd = s.startedAt().plus(s.init().orElse(Duration.ZERO));
        Instant end = startedToRun(s) ? initEnd.plus(s.duration()) : initEnd;
        Optional<Instant> queued = s.asynchronous() ? s.receivedAt() : Optional.empty();
        Instant start = queued.orElse(s.startedAt());

        SpanBuilder invocation = tracer.spanBuilder(s.function().value())
                .setSpanKind(s.asynchronous() ? SpanKind.CONSUMER : SpanKind.SERVER)
                .setStartTimestamp(start)
                .setAllAttributes(attributes(s));
        s.callerSpanId().ifPresentOrElse(
                parent -> invocation.setParent(Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
                        trace.traceId(), parent, TraceFlags.getSampled(), TraceState.getDefault())))),
                invocation::setNoParent);
        Span root = ids.start(invocation, Optional.of(trace.traceId()), Optional.empty());
        Context parent = Context.root().with(root);
        queued.ifPresent(at -> child(parent, "queue", at, s.startedAt(), Optional.empty()));
        s.init().ifPresent(init -> child(parent, "init", s.startedAt(), initEnd, Optional.empty()));
        if (startedToRun(s)) {
            child(parent, "invoke", initEnd, end, trace.parentId());
        }
        if (s.outcome() != InvocationSummary.Outcome.SUCCESS) {
            String type = s.errorType().orElse(s.outcome().name());
            root.setAttribute(ERROR_TYPE, type);
            root.setStatus(StatusCode.ERROR, type);
        }
        root.end(end);
    }

    private void child(Context parent, String name, Instant start, Instant end, Optional<String> spanId) {
        SpanBuilder b = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.INTERNAL).setStartTimestamp(start);
        ids.start(b, Optional.empty(), spanId).end(end);
    }

    /**
     * An environment that failed to start never ran the handler: such a summary has a zero duration
     * (and the failed init's duration, when its runtime got as far as starting).
     */
    private static boolean startedToRun(InvocationSummary s) {
        return !s.duration().isZero();
    }

    private Attributes attributes(InvocationSummary s) {
        String arn = functionArnPrefix + s.function().value() + s.alias().map(a -> ":" + a)
                .or(() -> s.executedVersion().equals("$LATEST") ? Optional.empty() : Optional.of(":" + s.executedVersion()))
                .orElse("");
        return Attributes.builder()
                .put(INVOCATION_ID, s.requestId())
                .put(NAME, s.function().value())
                .put(VERSION, s.executedVersion())
                .put(COLDSTART, s.init().isPresent())
                .put(TRIGGER, s.asynchronous() ? "pubsub" : "other")
                .put(MAX_MEMORY, s.memoryMb() * 1024L * 1024L)
                .put(RESOURCE_ID, arn)
                .build();
    }
}
