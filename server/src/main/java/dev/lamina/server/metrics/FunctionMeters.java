package dev.lamina.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The meters of one label set, registered when first needed: a label set that never saw a throttle
 * has no throttle series. Registering is idempotent in Micrometer, so two threads racing to create
 * a meter end up with the same one; after that a meter is one array read away.
 */
final class FunctionMeters {
    /** Lambda's durations run from a millisecond to 15 minutes. */
    static final Duration[] DURATION_BUCKETS = seconds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
            10, 30, 60, 120, 300, 600, 900);
    /** An event may wait up to 6 hours (MaximumEventAgeInSeconds). */
    static final Duration[] AGE_BUCKETS = seconds(0.01, 0.1, 1, 10, 60, 300, 900, 1800, 3600, 10800, 21600);

    /** The counters of a label set, with the Lambda metric each mirrors. */
    enum Count {
        INVOCATIONS("lamina.invocations", "Invocations that ran, successful or not (Lambda: Invocations)"),
        ERRORS("lamina.errors", "Invocations that ended in a function error or a timeout (Lambda: Errors)"),
        THROTTLES("lamina.throttles", "Invocations refused over a concurrency limit (Lambda: Throttles)"),
        PROVISIONED("lamina.provisioned.concurrency.invocations",
                "Invocations that ran on provisioned concurrency (Lambda: ProvisionedConcurrencyInvocations)"),
        SPILLOVER("lamina.provisioned.concurrency.spillover.invocations", "Invocations that ran on demand although "
                + "provisioned concurrency is configured (Lambda: ProvisionedConcurrencySpilloverInvocations)"),
        RECEIVED("lamina.async.events.received", "Asynchronous events accepted (Lambda: AsyncEventsReceived)");

        final String metric;
        final String description;

        Count(String metric, String description) {
            this.metric = metric;
            this.description = description;
        }
    }

    /** The histograms of a label set. */
    enum Time {
        DURATION("lamina.duration", "Invoke phase as on the REPORT line (Lambda: Duration)", DURATION_BUCKETS),
        INIT("lamina.init.duration", "Init phase of cold starts (REPORT's Init Duration)", DURATION_BUCKETS),
        AGE("lamina.async.event.age", "Time from accepting an event to handing it to the function, per attempt "
                + "(Lambda: AsyncEventAge)", AGE_BUCKETS);

        final String metric;
        final String description;
        final Duration[] buckets;

        Time(String metric, String description, Duration[] buckets) {
            this.metric = metric;
            this.description = description;
            this.buckets = buckets;
        }
    }

    private final MeterRegistry registry;
    private final Tags tags;
    private final AtomicReferenceArray<Counter> counters = new AtomicReferenceArray<>(Count.values().length);
    private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(Time.values().length);

    FunctionMeters(MeterRegistry registry, LabelSet labels) {
        this.registry = registry;
        this.tags = labels.tags();
    }

    Counter counter(Count c) {
        Counter m = counters.get(c.ordinal());
        if (m == null) {
            m = Counter.builder(c.metric).description(c.description).tags(tags).register(registry);
            counters.set(c.ordinal(), m);
        }
        return m;
    }

    Timer timer(Time t) {
        Timer m = timers.get(t.ordinal());
        if (m == null) {
            m = Timer.builder(t.metric).description(t.description).tags(tags).serviceLevelObjectives(t.buckets)
                    .register(registry);
            timers.set(t.ordinal(), m);
        }
        return m;
    }

    /** Dropped events by reason: few reasons, and rare, so they are looked up in the registry each time. */
    Counter dropped(String reason) {
        return Counter.builder("lamina.async.events.dropped")
                .description("Asynchronous events given up on without running successfully (Lambda: AsyncEventsDropped)")
                .tags(tags).tag("reason", reason).register(registry);
    }

    static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return out;
    }
}
