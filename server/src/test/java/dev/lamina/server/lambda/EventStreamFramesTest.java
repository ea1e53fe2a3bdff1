package dev.lamina.server.lambda;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

class EventStreamFramesTest {

    @Test
    void aPayloadChunkIsEncodedByteForByteAsTheAwsEventStreamLibraryEncodesIt() {
        // software.amazon.eventstream 1.0.1's Message with the same three headers and payload "hello"
        String expected = "0000006f0000005af5fe871f0b3a6576656e742d7479706507000c5061796c6f61644368756e6b0d3a636f"
                + "6e74656e742d747970650700186170706c69636174696f6e2f6f637465742d73747265616d0d3a6d6573736167652d"
                + "747970650700056576656e7468656c6c6f29e71260";
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(HexFormat.of().formatHex(EventStreamFrames.event("PayloadChunk", "application/octet-stream",
                hello, 0, hello.length))).isEqualTo(expected);
    }

    @Test
    void lengthsAndBothChecksumsDescribeTheFrame() {
        byte[] payload = new byte[70_000]; // longer than a 16-bit length: only headers are limited to that
        payload[69_999] = 42;
        byte[] frame = EventStreamFrames.event("InvokeComplete", "application/json", payload, 0, payload.length);
        ByteBuffer b = ByteBuffer.wrap(frame);
        int total = b.getInt();
        int headers = b.getInt();
        assertThat(total).isEqualTo(frame.length);
        assertThat(b.getInt()).isEqualTo(crc(frame, 0, 8));
        assertThat(ByteBuffer.wrap(frame, total - 4, 4).getInt()).isEqualTo(crc(frame, 0, total - 4));
        assertThat(total - 12 - headers - 4).isEqualTo(payload.length);
        assertThat(frame[12 + headers + 69_999]).isEqualTo((byte) 42);
    }

    @Test
    void onlyTheGivenSliceOfThePayloadIsFramed() {
        byte[] data = "xxhelloyy".getBytes(StandardCharsets.UTF_8);
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(EventStreamFrames.event("PayloadChunk", "application/octet-stream", data, 2, 5))
                .isEqualTo(EventStreamFrames.event("PayloadChunk", "application/octet-stream", hello, 0, 5));
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
