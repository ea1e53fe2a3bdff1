package dev.lamina.invoke;

import dev.lamina.invoke.logs.LineSplitter;
import dev.lamina.invoke.logs.TailBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogsTest {
    @TempDir
    Path dir;

    @Test
    void outputIsSplitIntoLinesAndOverlongOnesAreCut() {
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(lines::add);
        String longLine = "y".repeat(LineSplitter.MAX_LINE + 10);
        byte[] output = ("one\r\ntwo\n" + longLine + "\nlast without newline").getBytes(StandardCharsets.UTF_8);
        // In uneven chunks, as a pipe delivers them.
        for (int at = 0; at < output.length; at += 7000) {
            byte[] chunk = Arrays.copyOfRange(output, at, Math.min(output.length, at + 7000));
            splitter.write(chunk, chunk.length);
        }
        splitter.end();
        assertThat(lines).hasSize(5);
        assertThat(lines.subList(0, 2)).containsExactly("one", "two");
        assertThat(lines.get(2)).hasSize(LineSplitter.MAX_LINE);
        assertThat(lines.get(3)).hasSize(10);
        assertThat(lines.get(4)).isEqualTo("last without newline");
    }

    @Test
    void anUnfinishedLineIsHandedOnWhenAsked() {
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(lines::add);
        byte[] text = "logged without a newline".getBytes(StandardCharsets.UTF_8);
        splitter.write(text, text.length);
        assertThat(lines).isEmpty();
        splitter.flushPartial();
        assertThat(lines).containsExactly("logged without a newline");
    }

    @Test
    void theTailKeepsTheLastFourKilobytesOfWholeLines() {
        TailBuffer tail = new TailBuffer(TailBuffer.LAMBDA_TAIL_BYTES);
        for (int i = 0; i < 1000; i++) {
            tail.add("line " + i);
        }
        String text = new String(Base64.getDecoder().decode(tail.base64()), StandardCharsets.UTF_8);
        assertThat(text.length()).isLessThanOrEqualTo(4096).isGreaterThan(4000);
        assertThat(text).startsWith("line ").endsWith("line 999\n");
        TailBuffer one = new TailBuffer(10);
        one.add("a very long single line");
        assertThat(new String(one.bytes(), StandardCharsets.UTF_8)).isEqualTo("ngle line\n".substring(0, 10));
    }
}
