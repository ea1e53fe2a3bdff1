package dev.lamina.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded set of (function, version, alias) label sets that have series, each with its meters.
 *
 * <p>At most {@code max} label sets are admitted, first come first served; anything beyond is
 * counted under {@link LabelSet#OTHER}, so a flood of functions or versions cannot grow the
 * scrape without bound. A deleted function's label sets are forgotten (its series removed), which
 * frees their places. Lookups of admitted sets take no lock.
 */
final class LabelSets {
    /** Parentheses are in no Lambda function name: a function cannot share the overflow's series. */
    static final String OTHER = "(other)";

    private final MeterRegistry registry;
    private final int max;
    private final ConcurrentMap<LabelSet, FunctionMeters> admitted = new ConcurrentHashMap<>();
    private final AtomicInteger places = new AtomicInteger();
    private final FunctionMeters other;

    LabelSets(MeterRegistry registry, int max) {
        this.registry = registry;
        this.max = max;
        this.other = new FunctionMeters(registry, LabelSet.OTHER);
    }

    /** The meters of {@code labels}, or of {@code (other)} when the bound is reached. */
    FunctionMeters meters(LabelSet labels) {
        FunctionMeters m = admitted.get(labels);
        if (m != null) {
            return m;
        }
        // A place is taken atomically inside the map's own computation: the bound is exact under races.
        m = admitted.computeIfAbsent(labels, l -> places.getAndUpdate(n -> n < max ? n + 1 : n) < max
                ? new FunctionMeters(registry, l) : null);
        return m != null ? m : other;
    }

    /** Whether a series labelled with only this function is kept: it has label sets, or there is room for one. */
    boolean admits(String function, Set<String> known) {
        return known.contains(function) || places.get() < max;
    }

    /** The functions that have series now. */
    Set<String> functions() {
        Set<String> out = new java.util.HashSet<>();
        admitted.keySet().forEach(l -> out.add(l.function()));
        return out;
    }

    /** Removes every series of {@code function} and frees its places. */
    void forget(String function) {
        for (LabelSet l : admitted.keySet()) {
            if (l.function().equals(function) && admitted.remove(l) != null) {
                places.decrementAndGet();
            }
        }
        registry.getMeters().stream().filter(m -> function.equals(m.getId().getTag("function"))).toList()
                .forEach(registry::remove);
    }
}
