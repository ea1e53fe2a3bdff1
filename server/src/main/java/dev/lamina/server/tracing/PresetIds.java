package dev.lamina.server.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.sdk.trace.IdGenerator;

import java.util.Optional;

/**
 * Span and trace ids, random unless a span is started through {@link #start} with ids of its own.
 * Lamina decides some ids before the SDK sees the span: the invoke span's id was handed to the
 * function as its trace header's Parent while it ran, and a trace Lamina began has the id the
 * function was given. The SDK asks its generator for ids synchronously inside
 * {@link SpanBuilder#startSpan()}, on the calling thread, so a preset held for that one call on that
 * thread is what the span gets.
 */
final class PresetIds implements IdGenerator {
    private record Preset(Optional<String> traceId, Optional<String> spanId) {
    }

    private final IdGenerator random = IdGenerator.random();
    private final ThreadLocal<Preset> preset = new ThreadLocal<>();

    /** Starts {@code builder}'s span with these ids where given (the trace id only matters for a root span). */
    Span start(SpanBuilder builder, Optional<String> traceId, Optional<String> spanId) {
        preset.set(new Preset(traceId, spanId));
        try {
            return builder.startSpan();
        } finally {
            preset.remove();
        }
    }

    @Override
    public String generateSpanId() {
        Preset p = preset.get();
        return p != null && p.spanId().isPresent() ? p.spanId().get() : random.generateSpanId();
    }

    @Override
    public String generateTraceId() {
        Preset p = preset.get();
        return p != null && p.traceId().isPresent() ? p.traceId().get() : random.generateTraceId();
    }
}
