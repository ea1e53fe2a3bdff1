package dev.lamina.server.metrics;

import dev.lamina.invoke.InvocationSummary;
import dev.lamina.model.FunctionName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsTest {
    final AtomicLong now = new AtomicLong(5_000);
    final Metrics metrics = new Metrics(10, now::get);

    void invoked(String function) {
        metrics.invocations().ended(new InvocationSummary("r", new FunctionName(function), "$LATEST", Optional.empty(),
                128, false, Optional.empty(), Instant.EPOCH, Optional.empty(), Duration.ofMillis(3), false,
                InvocationSummary.Outcome.SUCCESS, Optional.empty(), Optional.empty()));
    }

    @Test
    void scrapesWithinASecondOfARenderingShareItsBodyAndLaterOnesRenderAgain() {
        byte[] first = metrics.scrape();
        invoked("app");
        now.addAndGet(Metrics.RENDER_MAX_AGE.toNanos() - 1);
        assertThat(metrics.scrape()).isSameAs(first);
        assertThat(new String(first, StandardCharsets.UTF_8)).doesNotContain("function=\"app\"");

        now.addAndGet(1);
        byte[] second = metrics.scrape();
        assertThat(new String(second, StandardCharsets.UTF_8)).contains("function=\"app\"");
    }
}
