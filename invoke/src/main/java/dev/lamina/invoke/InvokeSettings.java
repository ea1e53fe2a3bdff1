package dev.lamina.invoke;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of the execution side, read once by the composition root.
 *
 * @param laminaEndpoint     where functions reach Lamina's own API (AWS_ENDPOINT_URL)
 * @param keepAlive          how long an idle environment is kept for reuse
 * @param initTimeout        Lambda's 10-second limit on a function's init phase
 * @param maxLogStreamBytes  the largest one environment's log stream may grow
 * @param accountConcurrency the account's limit on concurrent executions (AWS: 1000)
 * @param memoryBudgetMb     the memory all environments of this node together may be given
 */
public record InvokeSettings(Region region, AccountId account, URI laminaEndpoint, Duration keepAlive,
                             Duration initTimeout, long maxLogStreamBytes, int accountConcurrency,
                             long memoryBudgetMb) {
    public static final Duration LAMBDA_INIT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(5);
    public static final long DEFAULT_MAX_LOG_STREAM_BYTES = 64L * 1024 * 1024;

    public InvokeSettings {
        Objects.requireNonNull(region);
        Objects.requireNonNull(account);
        Objects.requireNonNull(laminaEndpoint);
        if (keepAlive.isNegative() || initTimeout.isNegative() || initTimeout.isZero() || maxLogStreamBytes < 1024
                || accountConcurrency < 1 || memoryBudgetMb < 128) {
            throw new IllegalArgumentException("invoke settings out of range");
        }
    }
}
