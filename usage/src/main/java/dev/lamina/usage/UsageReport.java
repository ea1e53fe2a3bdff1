package dev.lamina.usage;

import dev.lamina.store.usage.UsageFigures;
import dev.lamina.store.usage.UsageLine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The usage of whole UTC hours [{@code from}, {@code to}): a line per function, version and memory
 * size, ordered by them, and their sum.
 */
public record UsageReport(Instant from, Instant to, List<UsageLine> lines, UsageFigures totals) {
    public UsageReport {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        lines = List.copyOf(lines);
        Objects.requireNonNull(totals);
    }

    static UsageReport of(Instant from, Instant to, List<UsageLine> lines) {
        UsageFigures totals = UsageFigures.NONE;
        for (UsageLine line : lines) {
            totals = totals.plus(line.figures());
        }
        return new UsageReport(from, to, lines, totals);
    }
}
