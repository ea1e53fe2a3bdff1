package dev.lamina.eventbridge;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;

import java.time.Duration;
import java.util.Objects;

/**
 * EventBridge's and Scheduler's settings, read once in {@code Main}.
 *
 * @param region  the region in ARNs and events ({@code us-east-1})
 * @param account the account in ARNs and events
 * @param tick    how often due schedules and scheduled rules are looked for (a second: AWS's
 *                schedules have minute granularity, Scheduler's {@code at()} second granularity)
 * @param retryScale multiplies the delays between delivery attempts (1 on a server; tests make retries quick)
 */
public record EventBridgeSettings(Region region, AccountId account, Duration tick, double retryScale) {
    public EventBridgeSettings {
        Objects.requireNonNull(region);
        Objects.requireNonNull(account);
        Objects.requireNonNull(tick);
        if (tick.isNegative() || tick.isZero() || !(retryScale > 0)) {
            throw new IllegalArgumentException("tick and retryScale must be positive");
        }
    }

    /** AWS's behaviour, in this region and account. */
    public static EventBridgeSettings of(Region region, AccountId account) {
        return new EventBridgeSettings(region, account, Duration.ofSeconds(1), 1.0);
    }
}
