package dev.lamina.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gauges of the node as a whole, and each function's concurrent executions. The ones whose rows
 * change (states, kinds, functions) are refreshed from {@link Platform} just before each scrape;
 * the others read it when scraped.
 */
final class PlatformGauges {
    private static final long MB = 1024L * 1024;

    private final Platform platform;
    private final LabelSets labels;
    private final MultiGauge environments;
    private final MultiGauge stemCells;
    private final MultiGauge concurrency;

    PlatformGauges(MeterRegistry registry, Platform platform, LabelSets labels) {
        this.platform = platform;
        this.labels = labels;
        this.environments = MultiGauge.builder("lamina.environments")
                .description("Live execution environments by lifecycle state").register(registry);
        this.stemCells = MultiGauge.builder("lamina.stem.cells")
                .description("Booted runtimes waiting for a function, by kind").register(registry);
        this.concurrency = MultiGauge.builder("lamina.concurrent.executions")
                .description("Invocations running now, inits included (Lambda: ConcurrentExecutions)")
                .register(registry);
        Gauge.builder("lamina.memory.claimed", platform, p -> p.memoryClaimedMb() * MB).baseUnit("bytes")
                .description("Memory claimed by environments and stem cells").strongReference(true).register(registry);
        Gauge.builder("lamina.memory.budget", platform, p -> p.memoryBudgetMb() * MB).baseUnit("bytes")
                .description("Memory environments and stem cells may claim together").strongReference(true)
                .register(registry);
        Gauge.builder("lamina.async.queue.depth", platform, Platform::queueWaiting).tag("state", "waiting")
                .description("Asynchronous events and messages waiting or running").strongReference(true)
                .register(registry);
        Gauge.builder("lamina.async.queue.depth", platform, Platform::queueRunning).tag("state", "running")
                .description("Asynchronous events and messages waiting or running").strongReference(true)
                .register(registry);
    }

    /** The functions that exist now. */
    Set<String> functionNames() {
        return platform.functionNames();
    }

    /** Reads the changing rows anew; functions beyond the label bound are summed under (other). */
    void refresh() {
        environments.register(rows("state", platform.environmentsByState()), true);
        stemCells.register(rows("kind", platform.stemCells()), true);
        Set<String> known = labels.functions();
        Map<String, Integer> byFunction = new HashMap<>();
        platform.concurrentExecutions().forEach((function, n) ->
                byFunction.merge(labels.admits(function, known) ? function : LabelSets.OTHER, n, Integer::sum));
        concurrency.register(rows("function", byFunction), true);
    }

    private static List<MultiGauge.Row<?>> rows(String tag, Map<String, Integer> values) {
        return values.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of(tag, e.getKey()), e.getValue()))
                .toList();
    }
}
