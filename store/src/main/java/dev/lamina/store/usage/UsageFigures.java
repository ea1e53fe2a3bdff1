package dev.lamina.store.usage;

import java.math.BigDecimal;

/**
 * What was used, in integers only, so that sums are exact however many invocations they add up.
 *
 * @param requests invocations that ran (throttled ones never do)
 * @param billedMs the sum of their billed durations (REPORT's Billed Duration)
 * @param mbMs     the sum of billed duration × memory size, in MB·ms: the GB-seconds before the
 *                 division, kept whole so that no rounding ever accumulates
 * @param initMs   the sum of their init durations, each rounded up to 1 ms; reported, not billed
 */
public record UsageFigures(long requests, long billedMs, long mbMs, long initMs) {
    public static final UsageFigures NONE = new UsageFigures(0, 0, 0, 0);
    /** MB·ms in one GB-second: 1024 MB × 1000 ms. */
    public static final long MB_MS_PER_GB_SECOND = 1024L * 1000L;

    public UsageFigures {
        if (requests < 0 || billedMs < 0 || mbMs < 0 || initMs < 0) {
            throw new IllegalArgumentException("usage figures are never negative");
        }
    }

    /** One invocation of {@code memoryMb} that was billed {@code billedMs}. */
    public static UsageFigures invocation(int memoryMb, long billedMs, long initMs) {
        return new UsageFigures(1, billedMs, Math.multiplyExact(memoryMb, billedMs), initMs);
    }

    /** Both added; a sum beyond {@code long} (centuries of full use) fails rather than wraps. */
    public UsageFigures plus(UsageFigures o) {
        return new UsageFigures(Math.addExact(requests, o.requests), Math.addExact(billedMs, o.billedMs),
                Math.addExact(mbMs, o.mbMs), Math.addExact(initMs, o.initMs));
    }

    /** GB-seconds, exactly: MB·ms ÷ 1,024,000 always has a finite decimal expansion (at most 13 places). */
    public BigDecimal gbSeconds() {
        return BigDecimal.valueOf(mbMs).divide(BigDecimal.valueOf(MB_MS_PER_GB_SECOND)).stripTrailingZeros();
    }
}
