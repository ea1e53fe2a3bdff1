package dev.lamina.workflows.engine;

import dev.lamina.workflows.Arns;
import dev.lamina.workflows.WorkflowsSettings;
import dev.lamina.workflows.asl.QueryLanguage;
import dev.lamina.workflows.data.Dataflow;
import dev.lamina.workflows.tasks.Integrations;

import java.time.Clock;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * What every execution's interpreter shares: settings, clock, the dataflow of each query language,
 * the integrations, and the registries of task tokens and activity tasks.
 */
record Env(WorkflowsSettings settings, Arns arns, Clock clock, Function<QueryLanguage, Dataflow> dataflows,
           Integrations integrations, TaskTokens tokens, Activities activities, DoubleSupplier random) {

    /**
     * Waits until {@code until} on the injected clock: the real wait is the clock's distance scaled by
     * timeScale, and it also ends as soon as the clock reaches {@code until} (a test's clock moved on).
     */
    void sleepUntil(java.time.Instant until) throws InterruptedException {
        Duration left = Duration.between(clock.instant(), until);
        long target = System.nanoTime() + (long) (Math.max(0, left.toNanos()) * settings.timeScale());
        boolean scaled = settings.timeScale() != 1.0;
        while (true) {
            left = Duration.between(clock.instant(), until);
            long now = System.nanoTime();
            if (!left.isPositive() || (scaled && now - target >= 0)) {
                return;
            }
            // Unscaled, the clock decides (never a millisecond early); scaled, the scaled target does.
            long nap = scaled ? target - now : left.toNanos() + 500_000;
            Thread.sleep(Duration.ofNanos(Math.max(100_000, Math.min(nap, 20_000_000L))));
        }
    }

    /** A wait the interpreter makes on its own account (Wait states, Retry intervals), scaled by timeScale. */
    void sleepScaled(Duration d) throws InterruptedException {
        long nanos = (long) (d.toNanos() * settings.timeScale());
        if (nanos > 0) {
            Thread.sleep(Duration.ofNanos(nanos));
        }
    }
}
