package dev.lamina.server;

import dev.lamina.model.RuntimeId;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How a Lamina node runs functions.
 *
 * @param interpreters       host programs for runtime families ("nodejs", "python": the executable;
 *                           "java": the JDK's home), overriding what Lamina finds by itself
 * @param keepAlive          how long an idle execution environment is kept for reuse: always (fixed
 *                           policy), or at most (learned policy)
 * @param learnedKeepAlive   whether the keep-alive learns each function's rhythm below that ceiling
 * @param plainSandbox       run functions as plain processes even where bubblewrap works
 * @param accountConcurrency the account's limit on concurrent executions (AWS: 1000)
 * @param memoryBudgetMb     the memory all execution environments together may be given; empty for
 *                           three quarters of the host's memory
 * @param prewarm            the kinds of stem cells (booted runtimes waiting for a function) to keep
 *                           from the start; more follow demand
 * @param maxStemCells       the most stem cells kept at once, across kinds; 0 for none at all
 */
public record ExecutionConfig(Map<String, Path> interpreters, Duration keepAlive, boolean learnedKeepAlive,
                              boolean plainSandbox,
                              int accountConcurrency, OptionalLong memoryBudgetMb,
                              List<Prewarm> prewarm, int maxStemCells) {
    /** A kind of stem cell: booted runtimes of a family at a memory size, waiting for a function. */
    public record Prewarm(RuntimeId.Family family, int memoryMb) {
        public Prewarm {
            if (family != RuntimeId.Family.NODEJS && family != RuntimeId.Family.PYTHON
                    && family != RuntimeId.Family.JAVA) {
                throw new IllegalArgumentException("stem cells exist for nodejs, python and java: " + family);
            }
            if (memoryMb < 128 || memoryMb > 10240) {
                throw new IllegalArgumentException("memory sizes are 128 to 10240 MB: " + memoryMb);
            }
        }
    }

    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_STEM_CELLS = 8;
    public static final int DEFAULT_ACCOUNT_CONCURRENCY = 1000;
    /** The least memory budget that holds one environment of Lambda's smallest size. */
    public static final long MIN_MEMORY_BUDGET_MB = 128;
    /** Node.js and Python at Lambda's default memory size. */
    public static final List<Prewarm> DEFAULT_PREWARM = List.of(
            new Prewarm(RuntimeId.Family.NODEJS, 128),
            new Prewarm(RuntimeId.Family.PYTHON, 128));

    public ExecutionConfig {
        interpreters = Map.copyOf(interpreters);
        if (keepAlive.isNegative()) {
            throw new IllegalArgumentException("the keep-alive cannot be negative");
        }
        if (accountConcurrency < 1) {
            throw new IllegalArgumentException("the concurrency limit is at least 1: " + accountConcurrency);
        }
        if (memoryBudgetMb.isPresent() && memoryBudgetMb.getAsLong() < MIN_MEMORY_BUDGET_MB) {
            throw new IllegalArgumentException("the memory budget is at least " + MIN_MEMORY_BUDGET_MB + " MB");
        }
        prewarm = List.copyOf(prewarm);
        if (maxStemCells < 0) {
            throw new IllegalArgumentException("the number of stem cells cannot be negative");
        }
    }

    public static ExecutionConfig defaults() {
        return new ExecutionConfig(Map.of(), DEFAULT_KEEP_ALIVE, true, false, DEFAULT_ACCOUNT_CONCURRENCY,
                OptionalLong.empty(), DEFAULT_PREWARM, DEFAULT_MAX_STEM_CELLS);
    }

    public ExecutionConfig withInterpreters(Map<String, Path> value) {
        return new ExecutionConfig(value, keepAlive, learnedKeepAlive, plainSandbox, accountConcurrency,
                memoryBudgetMb, prewarm, maxStemCells);
    }

    public ExecutionConfig withKeepAlive(Duration value) {
        return new ExecutionConfig(interpreters, value, learnedKeepAlive, plainSandbox, accountConcurrency,
                memoryBudgetMb, prewarm, maxStemCells);
    }

    public ExecutionConfig withLearnedKeepAlive(boolean value) {
        return new ExecutionConfig(interpreters, keepAlive, value, plainSandbox, accountConcurrency,
                memoryBudgetMb, prewarm, maxStemCells);
    }

    public ExecutionConfig withPlainSandbox(boolean value) {
        return new ExecutionConfig(interpreters, keepAlive, learnedKeepAlive, value, accountConcurrency,
                memoryBudgetMb, prewarm, maxStemCells);
    }

    public ExecutionConfig withAccountConcurrency(int value) {
        return new ExecutionConfig(interpreters, keepAlive, learnedKeepAlive, plainSandbox, value,
                memoryBudgetMb, prewarm, maxStemCells);
    }

    public ExecutionConfig withMemoryBudgetMb(long value) {
        return new ExecutionConfig(interpreters, keepAlive, learnedKeepAlive, plainSandbox, accountConcurrency,
                OptionalLong.of(value), prewarm, maxStemCells);
    }

    public ExecutionConfig withPrewarm(List<Prewarm> value) {
        return new ExecutionConfig(interpreters, keepAlive, learnedKeepAlive, plainSandbox, accountConcurrency,
                memoryBudgetMb, value, maxStemCells);
    }

    public ExecutionConfig withMaxStemCells(int value) {
        return new ExecutionConfig(interpreters, keepAlive, learnedKeepAlive, plainSandbox, accountConcurrency,
                memoryBudgetMb, prewarm, value);
    }
}
