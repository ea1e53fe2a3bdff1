package dev.lamina.server.metrics;

import dev.lamina.events.AsyncObserver;
import dev.lamina.invoke.InvocationObserver;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Route;
import dev.lamina.store.TimedStore;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Lamina's Prometheus metrics: the registry, the observers that feed it, and the {@code /metrics}
 * route that renders it in the text format. Built before the parts it observes; {@link #bind} then
 * connects the platform gauges, once, before the route serves.
 */
public final class Metrics {
    /** The route's name: {@code ApiHandler} serves it unsigned. */
    public static final String ROUTE = "Metrics";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LabelSets labels;
    private final InvocationMeters invocations;
    private final AsyncMeters events;
    /** By (write ? 2 : 0) + (failed ? 1 : 0). */
    private final Timer[] transactions;
    private volatile PlatformGauges platform;
    private final LongSupplier nanoTime;
    private volatile Rendered rendered;

    /** How long one rendering of {@code /metrics} is served again: Prometheus scrapes every 15 s or more. */
    public static final Duration RENDER_MAX_AGE = Duration.ofSeconds(1);

    /** A rendered body and when its rendering started. */
    private record Rendered(long startedNanos, byte[] body) {
    }

    /** @param maxLabelSets the bound on (function, version, alias) label sets */
    public Metrics(int maxLabelSets) {
        this(maxLabelSets, System::nanoTime);
    }

    /** With the clock that ages the rendered body injected (tests). */
    Metrics(int maxLabelSets, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.labels = new LabelSets(registry, maxLabelSets);
        this.invocations = new InvocationMeters(labels);
        this.events = new AsyncMeters(labels, registry);
        this.transactions = new Timer[] {storeTimer("read", "ok"), storeTimer("read", "failed"),
                storeTimer("write", "ok"), storeTimer("write", "failed")};
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public InvocationObserver invocations() {
        return invocations;
    }

    public AsyncObserver events() {
        return events;
    }

    /** Times the store's transactions: wrap the store in a {@link TimedStore} with this. */
    public TimedStore.Listener store() {
        return (write, failed, nanos) -> transactions[(write ? 2 : 0) + (failed ? 1 : 0)]
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Connects the platform gauges; call once, before {@link #route()} serves. */
    public synchronized void bind(Platform source) {
        if (platform != null) {
            throw new IllegalStateException("the platform gauges are bound already");
        }
        platform = new PlatformGauges(registry, source, labels);
    }

    /** {@code GET /metrics}: every series, in Prometheus's text format, rendered at most {@link #RENDER_MAX_AGE} ago. */
    public Route route() {
        return new Route("GET", "/metrics", ROUTE, 0, request -> {
            byte[] body = scrape();
            return new ApiResponse(200, Map.of("Content-Type", CONTENT_TYPE,
                    "Content-Length", Integer.toString(body.length)), out -> out.write(body));
        });
    }

    /**
     * The last rendering when it started less than {@link #RENDER_MAX_AGE} ago, or a new one. The
     * route is unsigned, so a caller looping on it must not cost a render (and a read of every
     * function's name) per request: scrapes within a second share one body, and scrapers that
     * arrive while one renders wait for it and take its body.
     */
    byte[] scrape() {
        Rendered last = rendered;
        if (last != null && nanoTime.getAsLong() - last.startedNanos() < RENDER_MAX_AGE.toNanos()) {
            return last.body();
        }
        synchronized (this) {
            last = rendered;
            long now = nanoTime.getAsLong();
            if (last != null && now - last.startedNanos() < RENDER_MAX_AGE.toNanos()) {
                return last.body();
            }
            Rendered fresh = new Rendered(now, render().getBytes(StandardCharsets.UTF_8));
            rendered = fresh;
            return fresh.body();
        }
    }

    /** Forgets deleted functions, refreshes the gauges and renders; called holding this object's monitor. */
    private String render() {
        PlatformGauges gauges = platform;
        if (gauges != null) {
            Set<String> gone = new HashSet<>(labels.functions());
            gone.remove(LabelSets.OTHER);
            if (!gone.isEmpty()) {
                gone.removeAll(gauges.functionNames());
                gone.forEach(labels::forget);
            }
            gauges.refresh();
        }
        return registry.scrape();
    }

    private Timer storeTimer(String kind, String outcome) {
        return Timer.builder("lamina.store.transaction")
                .description("Store transactions as their callers wait for them; a write includes its durable commit")
                .tag("kind", kind).tag("outcome", outcome)
                .serviceLevelObjectives(FunctionMeters.seconds(0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5))
                .register(registry);
    }
}
