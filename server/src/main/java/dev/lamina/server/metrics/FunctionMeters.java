package dev.lamina.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The meters of one label set, registered when first needed: a label set that never saw a throttle
 * has no throttle series. Registering is idempotent in Micrometer, so two threads racing to create
 * a meter end up with the same one.
 */
final class FunctionMeters {
    /** Lambda's durations run from a millisecond to 15 minutes; init is capped at 10 seconds (and more on error). */
    static final Duration[] DURATION_BUCKETS = seconds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
            10, 30, 60, 120, 300, 600, 900);
    /** An event may wait up to 6 hours (MaximumEventAgeInSeconds). */
    static final Duration[] AGE_BUCKETS = seconds(0.01, 0.1, 1, 10, 60, 300, 900, 1800, 3600, 10800, 21600);

    private final MeterRegistry registry;
    private final Tags tags;
    private volatile Counter invocations;
    private volatile Counter errors;
    private volatile Counter throttles;
    private volatile Counter provisioned;
    private volatile Counter spillover;
    private volatile Counter received;
    private volatile Timer duration;
    private volatile Timer init;
    private volatile Timer age;

    FunctionMeters(MeterRegistry registry, LabelSet labels) {
        this.registry = registry;
        this.tags = labels.tags();
    }

    Counter invocations() {
        Counter c = invocations;
        return c != null ? c : (invocations = counter("lamina.invocations",
                "Invocations that ran, successful or not (Lambda: Invocations)"));
    }

    Counter errors() {
        Counter c = errors;
        return c != null ? c : (errors = counter("lamina.errors",
                "Invocations that ended in a function error or a timeout (Lambda: Errors)"));
    }

    Counter throttles() {
        Counter c = throttles;
        return c != null ? c : (throttles = counter("lamina.throttles",
                "Invocations refused over a concurrency limit (Lambda: Throttles)"));
    }

    Counter provisioned() {
        Counter c = provisioned;
        return c != null ? c : (provisioned = counter("lamina.provisioned.concurrency.invocations",
                "Invocations that ran on provisioned concurrency (Lambda: ProvisionedConcurrencyInvocations)"));
    }

    Counter spillover() {
        Counter c = spillover;
        return c != null ? c : (spillover = counter("lamina.provisioned.concurrency.spillover.invocations",
                "Invocations that ran on demand although provisioned concurrency is configured "
                        + "(Lambda: ProvisionedConcurrencySpilloverInvocations)"));
    }

    Counter received() {
        Counter c = received;
        return c != null ? c : (received = counter("lamina.async.events.received",
                "Asynchronous events accepted (Lambda: AsyncEventsReceived)"));
    }

    Timer duration() {
        Timer t = duration;
        return t != null ? t : (duration = timer("lamina.duration",
                "Invoke phase as on the REPORT line (Lambda: Duration)", DURATION_BUCKETS));
    }

    Timer init() {
        Timer t = init;
        return t != null ? t : (init = timer("lamina.init.duration",
                "Init phase of cold starts (REPORT's Init Duration)", DURATION_BUCKETS));
    }

    Timer age() {
        Timer t = age;
        return t != null ? t : (age = timer("lamina.async.event.age",
                "Time from accepting an event to handing it to the function, per attempt (Lambda: AsyncEventAge)",
                AGE_BUCKETS));
    }

    /** Dropped events by reason: few reasons, so they are looked up in the registry each time. */
    Counter dropped(String reason) {
        return Counter.builder("lamina.async.events.dropped")
                .description("Asynchronous events given up on without running successfully (Lambda: AsyncEventsDropped)")
                .tags(tags).tag("reason", reason).register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private Timer timer(String name, String description, Duration[] buckets) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(buckets)
                .register(registry);
    }

    static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return out;
    }
}
