package dev.lamina.server.metrics;

import java.util.Map;
import java.util.Set;

/**
 * What the platform gauges read, once per scrape: snapshots the execution side, the asynchronous
 * queue and the store already offer. Each call may take the lock of what it reads, briefly.
 */
public interface Platform {
    /** Live execution environments by lifecycle state. */
    Map<String, Integer> environmentsByState();

    /** Stem cells waiting, by kind ("nodejs:128"). */
    Map<String, Integer> stemCells();

    long memoryClaimedMb();

    long memoryBudgetMb();

    /** Asynchronous tasks waiting to run and running now. */
    int queueWaiting();

    int queueRunning();

    /** Invocations running now, by function name. */
    Map<String, Integer> concurrentExecutions();

    /** The names of every function that exists: the series of any other function are removed. */
    Set<String> functionNames();
}
