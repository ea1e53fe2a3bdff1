package dev.lamina.invoke;

import dev.lamina.invoke.logs.LineSplitter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java runtime interface client's telemetry frames, written among plain lines on stdout. */
class TelemetryFramesTest {

    /** A frame as the client writes it: magic and type, payload length, timestamp in microseconds, payload. */
    static byte[] frame(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + bytes.length).putInt(0xA55A0000 | (3 << 2) | 2).putInt(bytes.length)
                .putLong(1_700_000_000_000_000L).put(bytes).array();
    }

    static List<String> split(boolean frames, byte[] output, int chunk) {
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(lines::add, frames);
        for (int at = 0; at < output.length; at += chunk) {
            int n = Math.min(chunk, output.length - at);
            byte[] piece = new byte[n];
            System.arraycopy(output, at, piece, 0, n);
            splitter.write(piece, n);
        }
        splitter.end();
        return lines;
    }

    static byte[] output() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(frame("[INFO] first"));
        out.writeBytes(frame("[WARN] second\nwith a newline"));
        out.writeBytes("plain println\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(frame("{\"level\":\"ERROR\",\"message\":\"json\"}\n"));
        out.writeBytes("¥Z and é at a line's start\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void eachFrameIsOneLineBetweenPlainOnes() {
        for (int chunk : new int[] {1, 5, 17, 4096}) {
            assertThat(split(true, output(), chunk)).as("in chunks of " + chunk).containsExactly(
                    "[INFO] first", "[WARN] second\rwith a newline", "plain println",
                    "{\"level\":\"ERROR\",\"message\":\"json\"}", "¥Z and é at a line's start");
        }
    }

    @Test
    void withoutFramesTheBytesAreText() {
        byte[] text = "\u00a5Zplain\n".getBytes(StandardCharsets.UTF_8);
        assertThat(split(false, text, 3)).containsExactly("¥Zplain");
    }

    @Test
    void aByteThatOnlyLooksLikeAFrameStaysText() {
        byte[] notFrame = {(byte) 0xA5, 'x', 'y', '\n'};
        assertThat(split(true, notFrame, 1)).hasSize(1).first().satisfies(l -> assertThat(l).endsWith("xy"));
    }

    /** A header alone, with a timestamp that holds no newline byte (so that the lines of its text are known). */
    static byte[] header(int type, int length) {
        return ByteBuffer.allocate(16).putInt(type).putInt(length).putLong(0x0102030405060708L).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A length no client writes (negative, or past Lambda's 256 KB event) makes the header text, not a frame. */
    @Test
    void aHeaderWithABogusLengthIsTextAndSwallowsNothing() {
        for (int length : new int[] {-1, LineSplitter.MAX_LINE + 1, Integer.MAX_VALUE}) {
            byte[] output = concat(header(0xA55A000E, length), "\nafter\n".getBytes(StandardCharsets.UTF_8));
            List<String> lines = split(true, output, 3);
            assertThat(lines).as("length " + length).hasSize(2).last().isEqualTo("after");
            assertThat(lines.getFirst()).as("the header's bytes, as text").startsWith("\uFFFDZ");
        }
    }

    @Test
    void aHeaderOfAnotherTypeIsText() {
        for (int type : new int[] {0xA55A0100, 0xA55A0020, 0xA55A000C, 0xA55AFFFF}) {
            byte[] output = concat(header(type, 5), "abcde\nafter\n".getBytes(StandardCharsets.UTF_8));
            List<String> lines = split(true, output, 1);
            assertThat(lines).as(Integer.toHexString(type)).hasSize(2).last().isEqualTo("after");
            assertThat(lines.getFirst()).as("the header and what followed it, as text").startsWith("\uFFFDZ")
                    .endsWith("abcde");
        }
    }

    @Test
    void aFrameAtTheCapIsStillAFrame() {
        String big = "x".repeat(LineSplitter.MAX_LINE);
        assertThat(split(true, concat(frame(big), "after\n".getBytes(StandardCharsets.UTF_8)), 4096))
                .containsExactly(big, "after");
    }

    @Test
    void aHeaderCutShortByTheProcessEndingIsHandedOnAsText() {
        byte[] cut = new byte[10];
        System.arraycopy(header(0xA55A000E, 3), 0, cut, 0, 10);
        List<String> lines = split(true, concat("before\n".getBytes(StandardCharsets.UTF_8), cut), 1);
        assertThat(lines).hasSize(2).first().isEqualTo("before");
        assertThat(lines.get(1)).as("what the process wrote is not lost").startsWith("\uFFFDZ").hasSize(10);
    }
}
