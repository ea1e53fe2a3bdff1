package dev.lamina.server.logs;

import dev.lamina.logs.LogEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdTest {
    private static String id(String stream, long timestamp, long offset) {
        return FilterLogEvents.eventId(new MergedEvents.Next(stream, new LogEvent(timestamp, offset, timestamp, "m")));
    }

    @Test
    void streamsWhoseStringHashCodesCollideStillGiveDistinctIds() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertThat(id("Aa", 1_796_000_400_000L, 0)).isNotEqualTo(id("BB", 1_796_000_400_000L, 0));
    }

    @Test
    void anIdIsStableDigitsAndDiffersByTimeAndOffset() {
        String id = id("s", 1_796_000_400_000L, 42);
        assertThat(id).matches("\\d{58}").isEqualTo(id("s", 1_796_000_400_000L, 42));
        assertThat(id("s", 1_796_000_400_001L, 42)).isNotEqualTo(id);
        assertThat(id("s", 1_796_000_400_000L, 43)).isNotEqualTo(id);
    }
}
