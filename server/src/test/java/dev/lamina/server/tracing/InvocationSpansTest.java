package dev.lamina.server.tracing;

import dev.lamina.invoke.InvocationSummary;
import dev.lamina.model.FunctionName;
import dev.lamina.model.TraceHeader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which spans a summary becomes: a cold start that failed has its init, and no invoke. */
class InvocationSpansTest {
    static final Instant AT = Instant.parse("2026-12-02T01:54:35.011Z");
    static final TraceHeader TRACE = TraceHeader.parse(
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1").orElseThrow();

    final BoundedExporterTest.Collector collector = new BoundedExporterTest.Collector();
    final List<SpanData> exported = collector.exported;
    final PresetIds ids = new PresetIds();
    final SdkTracerProvider provider = SdkTracerProvider.builder().setIdGenerator(ids)
            .addSpanProcessor(SimpleSpanProcessor.create(collector)).build();
    final InvocationSpans spans = new InvocationSpans(provider.get("test"), ids,
            "arn:aws:lambda:us-east-1:000000000000:function:");

    @AfterEach
    void close() {
        provider.close();
    }

    static InvocationSummary summary(Optional<Duration> init, Duration duration, InvocationSummary.Outcome outcome) {
        return new InvocationSummary("r-1", new FunctionName("f"), "$LATEST", Optional.empty(), 128, false,
                Optional.empty(), AT, init, duration, false, outcome,
                outcome == InvocationSummary.Outcome.SUCCESS ? Optional.empty() : Optional.of("Runtime.ExitError"),
                Optional.of(TRACE));
    }

    List<String> names() {
        return exported.stream().map(SpanData::getName).sorted().toList();
    }

    @Test
    void aColdStartWhoseInitFailedHasItsInitAndNoInvoke() {
        InvocationSummary failed = summary(Optional.of(Duration.ofMillis(300)), Duration.ZERO,
                InvocationSummary.Outcome.ERROR);
        spans.record(failed, TRACE);
        assertThat(names()).containsExactly("f", "init");
        assertThat(InvocationSpans.count(failed)).isEqualTo(2);
        SpanData init = exported.stream().filter(s -> s.getName().equals("init")).findFirst().orElseThrow();
        assertThat(init.getEndEpochNanos() - init.getStartEpochNanos()).isEqualTo(300_000_000L);
    }

    @Test
    void aColdStartThatRanHasInitAndInvoke() {
        InvocationSummary ran = summary(Optional.of(Duration.ofMillis(300)), Duration.ofMillis(5),
                InvocationSummary.Outcome.SUCCESS);
        spans.record(ran, TRACE);
        assertThat(names()).containsExactly("f", "init", "invoke");
        assertThat(InvocationSpans.count(ran)).isEqualTo(3);
    }
}
