package dev.lamina.usage;

import dev.lamina.store.usage.UsageFigures;

import java.util.concurrent.atomic.LongAdder;

/**
 * One bucket's figures while they wait for a flush: adders, so that invocations ending at once on
 * many threads never wait for one another. {@link #take} reads and resets each figure atomically,
 * so an addition racing it lands either in what it takes or in what the next take finds, never in
 * neither; one invocation's figures may be split across two flushes, which their sum does not see.
 */
final class UsageCounters {
    private final LongAdder requests = new LongAdder();
    private final LongAdder billedMs = new LongAdder();
    private final LongAdder mbMs = new LongAdder();
    private final LongAdder initMs = new LongAdder();

    void add(long requestCount, long billed, long memoryMbMs, long init) {
        requests.add(requestCount);
        billedMs.add(billed);
        mbMs.add(memoryMbMs);
        initMs.add(init);
    }

    void add(UsageFigures f) {
        add(f.requests(), f.billedMs(), f.mbMs(), f.initMs());
    }

    /** What was added since the last take, or {@link UsageFigures#NONE}; leaves nothing behind. */
    UsageFigures take() {
        return new UsageFigures(requests.sumThenReset(), billedMs.sumThenReset(), mbMs.sumThenReset(),
                initMs.sumThenReset());
    }
}
