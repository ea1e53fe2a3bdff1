package dev.lamina.server.tracing;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The exporter behind the batch processor, with the processor's queue kept bounded here, where
 * it can be counted: {@link #admit} takes room for an invocation's spans before they are made (a
 * full queue drops them, counted), and a batch gives its room back as the processor hands it to
 * the exporter. A collector that is down or refuses spans costs the spans, never an invocation;
 * it is logged once per outage, not once per batch.
 */
final class BoundedExporter implements SpanExporter {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedExporter.class);

    private final SpanExporter delegate;
    private final int capacity;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean droppingLogged = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();

    BoundedExporter(SpanExporter delegate, int capacity) {
        this.delegate = delegate;
        this.capacity = capacity;
    }

    /** Room for {@code spans} more spans in the queue, or false (and counted as dropped) when there is none. */
    boolean admit(int spans) {
        int now;
        do {
            now = queued.get();
            if (now + spans > capacity) {
                dropped.addAndGet(spans);
                if (droppingLogged.compareAndSet(false, true)) {
                    LOG.warn("the span queue is full ({} spans): spans are being dropped (the collector is slow or down);"
                            + " this is logged once", capacity);
                }
                return false;
            }
        } while (!queued.compareAndSet(now, now + spans));
        return true;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        queued.addAndGet(-spans.size());
        CompletableResultCode result = delegate.export(spans);
        result.whenComplete(() -> {
            if (!result.isSuccess()) {
                failed.addAndGet(spans.size());
                if (failing.compareAndSet(false, true)) {
                    LOG.warn("spans could not be exported to the OTLP collector ({}); they are dropped until it answers"
                            + " again (logged once per outage)", reason(result));
                }
            } else if (failing.compareAndSet(true, false)) {
                LOG.info("the OTLP collector accepts spans again ({} spans lost so far)", failed.get());
            }
        });
        return result;
    }

    /**
     * Why an export failed, in a few words: the collector's HTTP status, or what kept the request
     * from reaching it. FailedExportException is the OTLP exporter's (an internal class of the
     * pinned SDK version): what it carries is said nowhere else, since the exporter's own logging
     * is silenced (InvocationTraces).
     */
    static String reason(CompletableResultCode result) {
        Throwable t = result.getFailureThrowable();
        if (t instanceof FailedExportException.HttpExportException http && http.failedWithResponse()) {
            return "HTTP " + http.getResponse().getStatusCode() + " " + http.getResponse().getStatusMessage();
        }
        if (t instanceof FailedExportException && t.getCause() != null) {
            t = t.getCause();
        }
        return t == null ? "no reason given" : t.toString();
    }

    /** Spans never queued because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    /** Spans the collector did not take. */
    long failed() {
        return failed.get();
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
