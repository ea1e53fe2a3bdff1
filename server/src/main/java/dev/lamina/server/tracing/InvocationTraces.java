package dev.lamina.server.tracing;

import dev.lamina.invoke.InvocationObserver;
import dev.lamina.invoke.InvocationSummary;
import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.model.TraceHeader;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Invocations as OpenTelemetry spans, exported over OTLP/HTTP (protobuf). Only sampled
 * invocations (the function's trace header says Sampled=1) become spans. All the invoking thread
 * does is build the spans from the summary and enqueue them into the SDK's batch processor; one
 * thread of the SDK's exports them. Built only when an endpoint is configured: without one there is
 * no SDK object at all.
 */
public final class InvocationTraces implements InvocationObserver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InvocationTraces.class);
    /** Spans waiting for export at most; beyond it spans are dropped and counted. */
    static final int QUEUE_CAPACITY = 4096;
    static final Duration EXPORT_DELAY = Duration.ofSeconds(1);
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The OTLP exporter's own java.util.logging complaints, a few per failed batch every minute, are
     * silenced: BoundedExporter says it once per outage, with the first failure's cause (the
     * collector's HTTP status, or the connection's error). Held here, as java.util.logging forgets
     * the level of a logger nobody references.
     */
    private static final java.util.logging.Logger EXPORTER_LOG = java.util.logging.Logger.getLogger("io.opentelemetry.exporter");

    private final SdkTracerProvider provider;
    private final BoundedExporter exporter;
    private final InvocationSpans spans;

    private InvocationTraces(SdkTracerProvider provider, BoundedExporter exporter, InvocationSpans spans) {
        this.provider = provider;
        this.exporter = exporter;
        this.spans = spans;
    }

    /**
     * Spans for {@code endpoint}'s {@code /v1/traces}, with the resource {@code service.name=lamina}
     * and the region and account Lamina answers as.
     */
    public static InvocationTraces otlp(URI endpoint, Region region, AccountId account) {
        EXPORTER_LOG.setLevel(java.util.logging.Level.OFF);
        String base = endpoint.toString().replaceAll("/+$", "");
        OtlpHttpSpanExporter otlp = OtlpHttpSpanExporter.builder()
                .setEndpoint(base + "/v1/traces")
                .setTimeout(EXPORT_TIMEOUT)
                .build();
        BoundedExporter bounded = new BoundedExporter(otlp, QUEUE_CAPACITY);
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.builder()
                .put(AttributeKey.stringKey("service.name"), "lamina")
                .put(AttributeKey.stringKey("cloud.region"), region.name())
                .put(AttributeKey.stringKey("cloud.account.id"), account.id())
                .build()));
        PresetIds ids = new PresetIds();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(resource)
                .setIdGenerator(ids)
                .setSampler(Sampler.alwaysOn()) // the decision was made already: only sampled invocations get here
                .addSpanProcessor(BatchSpanProcessor.builder(bounded)
                        .setMaxQueueSize(QUEUE_CAPACITY + 64) // never reached: BoundedExporter admits first
                        .setScheduleDelay(EXPORT_DELAY)
                        .setExporterTimeout(EXPORT_TIMEOUT)
                        .build())
                .build();
        LOG.info("invocation spans are exported to {}/v1/traces", base);
        return new InvocationTraces(provider, bounded, new InvocationSpans(provider.get("dev.lamina"), ids,
                "arn:aws:lambda:" + region.name() + ":" + account.id() + ":function:"));
    }

    @Override
    public void ended(InvocationSummary summary) {
        Optional<TraceHeader> trace = summary.trace();
        if (trace.isEmpty() || !trace.get().isSampled() || !exporter.admit(InvocationSpans.count(summary))) {
            return;
        }
        spans.record(summary, trace.get());
    }

    /** Spans lost: dropped at a full queue, or refused by (or not delivered to) the collector. */
    public long lostSpans() {
        return exporter.dropped() + exporter.failed();
    }

    /** Exports what is queued (waiting up to ten seconds), then stops. */
    @Override
    public void close() {
        provider.shutdown().join(EXPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (lostSpans() > 0) {
            LOG.warn("{} spans were not exported ({} dropped at a full queue, {} not taken by the collector)",
                    lostSpans(), exporter.dropped(), exporter.failed());
        }
    }
}
