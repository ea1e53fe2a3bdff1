package dev.lamina.store.usage;

import dev.lamina.model.FunctionName;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The usage report's rows: per function, version, memory size and hour. Rows are only added to,
 * never removed, not even when their function is deleted: usage is billing history.
 */
public interface UsageRepository {
    /** Adds each bucket's figures to what that bucket already holds, creating it when absent. */
    void add(Map<UsageBucket, UsageFigures> usage);

    /**
     * The usage of every hour that starts in [{@code from}, {@code to}), summed per function,
     * version and memory size, ordered by them; optionally of one function only.
     */
    List<UsageLine> sum(Instant from, Instant to, Optional<FunctionName> function);
}
