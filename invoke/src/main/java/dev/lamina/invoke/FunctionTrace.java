package dev.lamina.invoke;

import dev.lamina.model.TraceHeader;
import dev.lamina.model.TracingMode;

import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The trace header a function is given ({@code Lambda-Runtime-Trace-Id}, {@code _X_AMZN_TRACE_ID}),
 * decided as Lambda decides it from the caller's header and the function's TracingConfig:
 * <ul>
 *   <li>a caller's sampling decision is kept in both modes (Active respects an upstream decision;
 *       PassThrough traces exactly what the caller sampled);</li>
 *   <li>without a decision (no header, or {@code Sampled=?}), Active samples: every invocation,
 *       where Lambda samples at a rate; PassThrough does not (Sampled=0), yet still hands the
 *       function a header, so that the function's own tracing sees one trace id per request;</li>
 *   <li>without a header, a new trace is begun.</li>
 * </ul>
 * The Parent is always a new span id: that of Lamina's invoke span (the phase in which the handler
 * runs), so that spans the function makes nest under it.
 */
final class FunctionTrace {
    private FunctionTrace() {
    }

    /**
     * @param caller the caller's trace context, if it sent a valid one
     * @return the function's header; its Parent is the invoke span's id
     */
    static TraceHeader of(Optional<TraceHeader> caller, TracingMode mode, Instant now, RandomGenerator random) {
        TraceHeader trace = caller.orElseGet(() -> TraceHeader.newRoot(now, random));
        if (trace.sampled().isEmpty()) {
            trace = trace.withSampled(mode == TracingMode.ACTIVE);
        }
        return trace.withParent(TraceHeader.newSpanId(random));
    }
}
