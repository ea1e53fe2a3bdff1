package dev.lamina.events.esm.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueFilterTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void withoutPatternsEveryRecordPasses() {
        ValueFilter filter = ValueFilter.of(List.of());
        assertThat(filter.passes(bytes("x"))).isTrue();
        assertThat(filter.passes(null)).isTrue();
    }

    @Test
    void aJsonObjectValueIsMatchedAsThatObject() {
        ValueFilter filter = ValueFilter.of(List.of("{\"value\":{\"device_ID\":[{\"prefix\":\"AB\"}]}}"));
        assertThat(filter.passes(bytes("{\"device_ID\":\"AB1234\"}"))).isTrue();
        assertThat(filter.passes(bytes("{\"device_ID\":\"CD1234\"}"))).isFalse();
        assertThat(filter.passes(bytes("AB as text"))).isFalse();
        assertThat(filter.passes(null)).isFalse();
    }

    @Test
    void anyOtherValueIsMatchedAsItsText() {
        ValueFilter filter = ValueFilter.of(List.of("{\"value\":[{\"prefix\":\"Hello\"}]}"));
        assertThat(filter.passes(bytes("Hello, this is a test."))).isTrue();
        assertThat(filter.passes(bytes("Bye"))).isFalse();
        assertThat(filter.passes(new byte[] {(byte) 0xff, (byte) 0xfe})).isFalse();
    }
}
