package dev.lamina.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How a Lamina node runs functions.
 *
 * @param interpreters       host programs for runtime families ("nodejs", "python": the executable;
 *                           "java": the JDK's home), overriding what Lamina finds by itself
 * @param keepAlive          how long an idle execution environment is kept for reuse
 * @param plainSandbox       run functions as plain processes even where bubblewrap works
 * @param accountConcurrency the account's limit on concurrent executions (AWS: 1000)
 * @param memoryBudgetMb     the memory all execution environments together may be given; empty for
 *                           three quarters of the host's memory
 */
public record ExecutionConfig(Map<String, Path> interpreters, Duration keepAlive, boolean plainSandbox,
                              int accountConcurrency, OptionalLong memoryBudgetMb) {
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(5);
    public static final int DEFAULT_ACCOUNT_CONCURRENCY = 1000;
    /** The least memory budget that holds one environment of Lambda's smallest size. */
    public static final long MIN_MEMORY_BUDGET_MB = 128;

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
    }

    public static ExecutionConfig defaults() {
        return new ExecutionConfig(Map.of(), DEFAULT_KEEP_ALIVE, false, DEFAULT_ACCOUNT_CONCURRENCY,
                OptionalLong.empty());
    }

    public ExecutionConfig withInterpreters(Map<String, Path> value) {
        return new ExecutionConfig(value, keepAlive, plainSandbox, accountConcurrency, memoryBudgetMb);
    }

    public ExecutionConfig withKeepAlive(Duration value) {
        return new ExecutionConfig(interpreters, value, plainSandbox, accountConcurrency, memoryBudgetMb);
    }

    public ExecutionConfig withPlainSandbox(boolean value) {
        return new ExecutionConfig(interpreters, keepAlive, value, accountConcurrency, memoryBudgetMb);
    }

    public ExecutionConfig withAccountConcurrency(int value) {
        return new ExecutionConfig(interpreters, keepAlive, plainSandbox, value, memoryBudgetMb);
    }

    public ExecutionConfig withMemoryBudgetMb(long value) {
        return new ExecutionConfig(interpreters, keepAlive, plainSandbox, accountConcurrency, OptionalLong.of(value));
    }
}
