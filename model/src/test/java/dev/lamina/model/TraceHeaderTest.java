package dev.lamina.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceHeaderTest {
    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
    private static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";

    @Test
    void anXrayHeaderIsReadWithItsParentDecisionAndOtherKeys() {
        TraceHeader h = TraceHeader.parse("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1|68fd508a:5")
                .orElseThrow();
        assertThat(h.traceId()).isEqualTo(TRACE_ID);
        assertThat(h.root()).isEqualTo(ROOT);
        assertThat(h.parentId()).contains("53995c3f42cd8ad8");
        assertThat(h.sampled()).contains(true);
        assertThat(h.others()).isEqualTo("Lineage=a87bd80c:1|68fd508a:5");
        assertThat(h.format()).isEqualTo("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1|68fd508a:5");
    }

    @Test
    void keysComeInAnyOrderAndCaseWithSpacesAndTheDecisionMayBeOpen() {
        TraceHeader h = TraceHeader.parse(" sampled=? ; Self=1-67891234-12456789abcdef012345678 ;ROOT=" + ROOT.toUpperCase())
                .orElseThrow();
        assertThat(h.traceId()).isEqualTo(TRACE_ID);
        assertThat(h.parentId()).isEmpty();
        assertThat(h.sampled()).isEmpty();
        assertThat(h.isSampled()).isFalse();
        assertThat(h.format()).isEqualTo("Root=" + ROOT + ";Sampled=?;Self=1-67891234-12456789abcdef012345678");
    }

    @Test
    void aRootAloneIsATraceWithoutDecision() {
        assertThat(TraceHeader.parse("Root=" + ROOT)).map(TraceHeader::sampled).contains(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", ";;", "Parent=53995c3f42cd8ad8;Sampled=1",                      // no root
            "Root=2-5759e988-bd862e3fe1be46a994272793",                          // unknown version
            "Root=1-5759e988-bd862e3fe1be46a99427279",                           // too short
            "Root=1-5759e988-bd862e3fe1be46a9942727933",                         // too long
            "Root=1-5759e98g-bd862e3fe1be46a994272793",                          // not hex
            "Root=1-00000000-000000000000000000000000",                          // all zero
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000",  // zero parent
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad",   // short parent
            "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=yes",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Root=1-5759e988-bd862e3fe1be46a994272794",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1;Sampled=0",
            "Root=1-5759e988-bd862e3fe1be46a994272793;garbage",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=a\r\nX-Injected: 1",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=\"quoted\"",
            "Root=1-5759e988-bd862e3fe1be46a994272793;1bad=key",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=x=y",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Lin\u00e9age=1",
    })
    void malformedOrHostileHeadersAreNoTraceAtAll(String header) {
        assertThat(TraceHeader.parse(header)).isEmpty();
    }

    @Test
    void oversizedHeadersAndTooManyKeysAreRefusedWhole() {
        String base = "Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1";
        assertThat(TraceHeader.parse(base + ";Pad=" + "a".repeat(TraceHeader.MAX_LENGTH))).isEmpty();
        assertThat(TraceHeader.parse(base + ";K=v".repeat(20))).isEmpty();
        assertThat(TraceHeader.parse(null)).isEmpty();
    }

    @Test
    void aTraceparentBecomesAnXrayRootWithTheSameIds() {
        TraceHeader h = TraceHeader.fromTraceparent("00-" + TRACE_ID + "-00f067aa0ba902b7-01").orElseThrow();
        assertThat(h.root()).isEqualTo(ROOT);
        assertThat(h.parentId()).contains("00f067aa0ba902b7");
        assertThat(h.sampled()).contains(true);
        assertThat(h.traceparent()).contains("00-" + TRACE_ID + "-00f067aa0ba902b7-01");
        assertThat(TraceHeader.fromTraceparent("00-" + TRACE_ID + "-00f067aa0ba902b7-00").orElseThrow().sampled())
                .contains(false);
    }

    @Test
    void anXrayHeaderBecomesATraceparent() {
        TraceHeader h = TraceHeader.parse("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=0").orElseThrow();
        assertThat(h.traceparent()).contains("00-" + TRACE_ID + "-53995c3f42cd8ad8-00");
        assertThat(TraceHeader.parse("Root=" + ROOT).orElseThrow().traceparent()).isEmpty();
    }

    @Test
    void laterTraceparentVersionsAreReadByTheirFirstFourFields() {
        assertThat(TraceHeader.fromTraceparent("01-" + TRACE_ID + "-00f067aa0ba902b7-01-future")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "00-" + TRACE_ID + "-00f067aa0ba902b7", "00-" + TRACE_ID + "-00f067aa0ba902b7-01-extra",
            "ff-" + TRACE_ID + "-00f067aa0ba902b7-01", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-" + TRACE_ID + "-0000000000000000-01", "00-5759E988BD862E3FE1BE46A994272793-00f067aa0ba902b7-01",
            "00-" + TRACE_ID + "-00f067aa0ba902b7-1", "00_" + TRACE_ID + "_00f067aa0ba902b7_01",
    })
    void malformedTraceparentsAreNoTraceAtAll(String header) {
        assertThat(TraceHeader.fromTraceparent(header)).isEmpty();
    }

    @Test
    void aNewRootStartsWithTheTimeAndHasNoDecision() {
        Instant now = Instant.ofEpochSecond(0x5759e988L);
        TraceHeader h = TraceHeader.newRoot(now, new Random(7));
        assertThat(h.root()).startsWith("1-5759e988-").hasSize(35);
        assertThat(h.sampled()).isEmpty();
        assertThat(TraceHeader.parse(h.format())).contains(h);
        String span = TraceHeader.newSpanId(new Random(7));
        assertThat(span).matches("[0-9a-f]{16}");
        assertThat(h.withParent(span).withSampled(true).format()).isEqualTo("Root=" + h.root() + ";Parent=" + span + ";Sampled=1");
    }

    /** The unchecked derivations still refuse what would not parse back, and the constructor refuses as before. */
    @ParameterizedTest
    @ValueSource(strings = {"", "0000000000000000", "53995C3F42CD8AD8", "53995c3f42cd8ad", "53995c3f42cd8ad8a", "53995c3f42cd8adg"})
    void aParentThatIsNotASpanIdIsRefused(String span) {
        TraceHeader h = TraceHeader.newRoot(Instant.ofEpochSecond(0x5759e988L), new Random(7));
        assertThatThrownBy(() -> h.withParent(span)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceHeader(h.traceId(), Optional.of(span), Optional.empty(), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00000000000000000000000000000000", "5759E988BD862E3FE1BE46A994272793",
            "5759e988bd862e3fe1be46a99427279", "5759e988bd862e3fe1be46a99427279z"})
    void aTraceIdThatIsNotOneIsRefused(String traceId) {
        assertThatThrownBy(() -> new TraceHeader(traceId, Optional.empty(), Optional.empty(), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headersAreEqualByTheirParts() {
        TraceHeader a = TraceHeader.parse("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a:1").orElseThrow();
        TraceHeader b = new TraceHeader(TRACE_ID, Optional.of("53995c3f42cd8ad8"), Optional.of(true), "Lineage=a:1");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(b.withSampled(false));
    }
}
