package dev.lamina.gateway.url;

import dev.lamina.gateway.web.WebRequest.Header;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamRelayTest {
    private final RecordingResponder responder = new RecordingResponder();
    private final StreamRelay relay = new StreamRelay(responder, headers -> {
        List<Header> out = new ArrayList<>(headers);
        out.add(new Header("x-amzn-RequestId", "r1"));
        return out;
    });

    private void chunk(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        relay.chunk(b, 0, b.length);
    }

    private static String nuls() {
        return "\0".repeat(8);
    }

    @Test
    void aPlainStreamIsA200OfItsContentTypeFlushedChunkByChunk() throws IOException {
        relay.started("text/plain");
        assertThat(relay.committed()).as("nothing goes out before the first byte").isFalse();
        chunk("one;");
        chunk("two");
        relay.finish();

        assertThat(responder.status).isEqualTo(200);
        assertThat(responder.header("Content-Type")).isEqualTo("text/plain");
        assertThat(responder.header("x-amzn-RequestId")).isEqualTo("r1");
        assertThat(responder.flushed).containsExactly("one;", "one;two");
        assertThat(responder.closed).isTrue();
    }

    @Test
    void theHttpIntegrationPreludeSetsStatusHeadersAndCookiesEvenWhenSplitAcrossChunks() throws IOException {
        relay.started(StreamRelay.HTTP_INTEGRATION);
        chunk("{\"statusCode\":201,\"headers\":{\"x-a\":\"1\"},");
        chunk("\"cookies\":[\"c=1\"]}\0\0\0");
        assertThat(relay.committed()).isFalse();
        chunk("\0\0\0\0\0body ");
        chunk("end");
        relay.finish();

        assertThat(responder.status).isEqualTo(201);
        assertThat(responder.header("x-a")).isEqualTo("1");
        assertThat(responder.header("Set-Cookie")).isEqualTo("c=1");
        assertThat(responder.header("Content-Type")).isEqualTo("application/json");
        assertThat(responder.text()).isEqualTo("body end");
    }

    @Test
    void aPreludeWithoutStatusIsA200() throws IOException {
        relay.started(StreamRelay.HTTP_INTEGRATION);
        chunk("{}" + nuls());
        relay.finish();

        assertThat(responder.status).isEqualTo(200);
        assertThat(responder.text()).isEmpty();
    }

    @Test
    void aBadPreludeStopsTheStreamBeforeAnythingIsSent() {
        relay.started(StreamRelay.HTTP_INTEGRATION);
        assertThatThrownBy(() -> chunk("not json" + nuls() + "body")).isInstanceOf(IOException.class);
        assertThat(relay.invalid()).isNotNull();
        assertThat(relay.committed()).isFalse();
        assertThat(responder.headers).isNull();
    }

    @Test
    void aPreludeThatNeverEndsIsRefused() {
        relay.started(StreamRelay.HTTP_INTEGRATION);
        assertThatThrownBy(() -> chunk("x".repeat(StreamRelay.MAX_PRELUDE + 1))).isInstanceOf(IOException.class);
        assertThat(relay.committed()).isFalse();
    }

    @Test
    void aStreamThatEndsInsideItsPreludeIsInvalid() throws IOException {
        relay.started(StreamRelay.HTTP_INTEGRATION);
        chunk("{\"statusCode\":200}");
        assertThatThrownBy(relay::finish).isInstanceOf(IOException.class);
        assertThat(relay.invalid()).contains("prelude");
        assertThat(relay.committed()).isFalse();
    }

    @Test
    void anEmptyStreamStillAnswers() throws IOException {
        relay.started("application/octet-stream");
        relay.finish();
        assertThat(responder.status).isEqualTo(200);
        assertThat(responder.closed).isTrue();
    }

    @Test
    void eightNulBytesAreFoundWhereverTheyStart() {
        assertThat(StreamRelay.delimiter("ab\0\0\0\0\0\0\0\0c".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(StreamRelay.delimiter("\0\0\0\0\0\0\0".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }
}
