package dev.lamina.invoke;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.model.RuntimeId;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings of the execution side, read once by the composition root.
 *
 * @param laminaEndpoint     where functions reach Lamina's own API (AWS_ENDPOINT_URL)
 * @param keepAlive          how long an idle environment is kept for reuse (the ceiling, when learned)
 * @param learnedKeepAlive   whether each function's keep-alive follows its inter-arrival times
 * @param initTimeout        Lambda's 10-second limit on a function's init phase
 * @param accountConcurrency the account's limit on concurrent executions (AWS: 1000)
 * @param memoryBudgetMb     the memory all environments of this node together may be given
 * @param prewarm            the kinds of stem cells to keep at least one of from the start
 * @param maxStemCells       the most stem cells kept at once, across kinds; 0 for none
 */
public record InvokeSettings(Region region, AccountId account, URI laminaEndpoint, Duration keepAlive,
                             boolean learnedKeepAlive, Duration initTimeout, int accountConcurrency,
                             long memoryBudgetMb, List<Prewarm> prewarm, int maxStemCells) {
    /** A kind of stem cell: booted runtimes of this family (nodejs, python, java) at this memory size. */
    public record Prewarm(RuntimeId.Family family, int memoryMb) {
    }

    public static final Duration LAMBDA_INIT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(5);
    /** The least a learned keep-alive gives, whatever the function's rhythm. */
    public static final Duration LEARNED_KEEP_ALIVE_FLOOR = Duration.ofSeconds(30);

    public InvokeSettings {
        Objects.requireNonNull(region);
        Objects.requireNonNull(account);
        Objects.requireNonNull(laminaEndpoint);
        prewarm = List.copyOf(prewarm);
        if (keepAlive.isNegative() || initTimeout.isNegative() || initTimeout.isZero() || accountConcurrency < 1 || memoryBudgetMb < 128) {
            throw new IllegalArgumentException("invoke settings out of range");
        }
    }
}
