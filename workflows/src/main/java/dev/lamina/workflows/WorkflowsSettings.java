package dev.lamina.workflows;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;

import java.time.Duration;
import java.util.Objects;

/**
 * Step Functions' settings, read once in {@code Main}.
 *
 * @param region    the region in ARNs ({@code us-east-1})
 * @param account   the account in ARNs
 * @param timeScale multiplies every wait the interpreter makes on its own account (Wait states, Retry
 *                  intervals); 1 on a server. Timeouts a user set (TimeoutSeconds, HeartbeatSeconds) are not scaled.
 * @param expressHistory how long a finished EXPRESS execution stays describable in memory
 */
public record WorkflowsSettings(Region region, AccountId account, double timeScale, Duration expressHistory) {
    public WorkflowsSettings {
        Objects.requireNonNull(region);
        Objects.requireNonNull(account);
        Objects.requireNonNull(expressHistory);
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("timeScale must be positive");
        }
    }

    /** AWS's behaviour, in this region and account. */
    public static WorkflowsSettings of(Region region, AccountId account) {
        return new WorkflowsSettings(region, account, 1.0, Duration.ofMinutes(15));
    }
}
