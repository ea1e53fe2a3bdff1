package dev.lamina.invoke;

import dev.lamina.model.TraceHeader;
import dev.lamina.model.TracingMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionTraceTest {
    private static final Instant NOW = Instant.ofEpochSecond(0x6930a1b2L);
    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";

    private static TraceHeader decide(String caller, TracingMode mode) {
        return FunctionTrace.of(Optional.ofNullable(caller).flatMap(TraceHeader::parse), mode, NOW, new Random(1));
    }

    @Test
    void activeWithoutAHeaderBeginsASampledTrace() {
        TraceHeader t = decide(null, TracingMode.ACTIVE);
        assertThat(t.root()).startsWith("1-6930a1b2-");
        assertThat(t.sampled()).contains(true);
        assertThat(t.parentId()).isPresent();
    }

    @Test
    void passThroughWithoutAHeaderStillGivesTheFunctionAnUnsampledTrace() {
        TraceHeader t = decide(null, TracingMode.PASS_THROUGH);
        assertThat(t.sampled()).contains(false);
        assertThat(t.parentId()).isPresent();
    }

    @Test
    void theCallersDecisionIsKeptInBothModes() {
        for (TracingMode mode : TracingMode.values()) {
            assertThat(decide("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1", mode).sampled()).contains(true);
            assertThat(decide("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=0", mode).sampled()).contains(false);
        }
    }

    @Test
    void anOpenDecisionIsTheModes() {
        assertThat(decide("Root=" + ROOT + ";Sampled=?", TracingMode.ACTIVE).sampled()).contains(true);
        assertThat(decide("Root=" + ROOT, TracingMode.PASS_THROUGH).sampled()).contains(false);
    }

    @Test
    void theFunctionJoinsTheCallersTraceUnderANewSpanWithItsOtherKeys() {
        TraceHeader t = decide("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1", TracingMode.ACTIVE);
        assertThat(t.root()).isEqualTo(ROOT);
        assertThat(t.parentId().orElseThrow()).isNotEqualTo("53995c3f42cd8ad8");
        assertThat(t.format()).startsWith("Root=" + ROOT + ";Parent=").endsWith(";Sampled=1;Lineage=a87bd80c:1");
    }
}
