package dev.lamina.invoke;

import dev.lamina.model.FunctionName;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A keep-alive that learns each function's rhythm, after the tail of the idle-time histogram of
 * "Serverless in the Wild" (Shahrad et al., ATC '20), simplified: an idle environment is kept for
 * the 99th percentile of the function's last {@link #WINDOW} inter-arrival times plus a fifth, never
 * less than {@code floor} and never more than {@code ceiling}. Until a function has
 * {@link #MIN_SAMPLES} arrivals it gets the ceiling, as a fixed policy would give it. A function
 * called every few seconds thus frees its memory within a minute of its last call instead of after
 * the ceiling, at the price of a cold start when its rhythm breaks for longer than its history
 * says; docs/BENCHMARKS.md has the measured trade-off.
 */
final class LearnedKeepAlive implements KeepAlive {
    static final int WINDOW = 64;
    static final int MIN_SAMPLES = 8;
    /** Functions remembered; the least recently invoked beyond this are forgotten. */
    static final int MAX_FUNCTIONS = 10_000;

    /** One function's recent inter-arrival times, in a ring. */
    private static final class History {
        final long[] gapsNanos = new long[WINDOW];
        int count;
        long lastNanos;
        Duration ttl;

        void arrived(long now) {
            if (count > 0 || lastNanos != 0) {
                gapsNanos[count % WINDOW] = now - lastNanos;
                count++;
                ttl = null; // recomputed on demand
            }
            lastNanos = now;
        }
    }

    private final Duration floor;
    private final Duration ceiling;
    private final LongSupplier nanoTime;
    private final Map<FunctionName, History> histories = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FunctionName, History> eldest) {
            return size() > MAX_FUNCTIONS;
        }
    };

    /** @param nanoTime a monotonic clock ({@code System::nanoTime}; a fake one in tests) */
    LearnedKeepAlive(Duration floor, Duration ceiling, LongSupplier nanoTime) {
        if (floor.compareTo(ceiling) > 0) {
            throw new IllegalArgumentException("the floor of the keep-alive is above its ceiling");
        }
        this.floor = floor;
        this.ceiling = ceiling;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void invoked(FunctionName function) {
        histories.computeIfAbsent(function, f -> new History()).arrived(nanoTime.getAsLong());
    }

    @Override
    public synchronized Duration ttl(FunctionName function) {
        History h = histories.get(function);
        if (h == null || h.count < MIN_SAMPLES) {
            return ceiling;
        }
        if (h.ttl == null) {
            long[] gaps = Arrays.copyOf(h.gapsNanos, Math.min(h.count, WINDOW));
            Arrays.sort(gaps);
            long p99 = gaps[Math.min(gaps.length - 1, (int) Math.ceil(gaps.length * 0.99) - 1)];
            Duration learned = Duration.ofNanos(p99 + p99 / 5);
            h.ttl = learned.compareTo(floor) < 0 ? floor : learned.compareTo(ceiling) > 0 ? ceiling : learned;
        }
        return h.ttl;
    }

    @Override
    public Duration shortest() {
        return floor;
    }
}
