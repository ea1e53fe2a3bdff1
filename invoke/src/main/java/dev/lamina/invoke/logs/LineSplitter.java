package dev.lamina.invoke.logs;

import dev.lamina.sandbox.OutputSink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turns a process's output into log lines: one per newline, a trailing carriage return dropped.
 * Memory stays bounded whatever the process writes: a line longer than {@link #MAX_LINE} is handed
 * on in pieces, and the buffer of the unfinished line starts small and shrinks again after a long one.
 *
 * <p>With telemetry frames on, output may also carry the frames of Lambda's telemetry log protocol,
 * which the Java runtime interface client writes when {@code _LAMBDA_TELEMETRY_LOG_FD} names its
 * stdout: a 16-byte header (magic {@code 0xA55A} in the first two bytes, a type, the payload's length
 * as a big-endian int, a timestamp) and the payload, which becomes one line whatever newlines it
 * holds (they become carriage returns, as the other runtimes write them). A frame is looked for only
 * where a line starts: valid UTF-8 text never starts with the byte 0xA5, so plain output is never
 * mistaken for one. A header is taken only as the client writes one: type {@code 0xA55A00xx} with
 * {@code xx} a log level shifted left by two, or-ed with 2 (JSON) or 3 (Text), and a length of at most
 * {@link #MAX_LINE}; anything else (a bogus type or length, or a header the process did not finish)
 * is text, so that a stray {@code A5 5A} can never swallow the output that follows it.
 */
public final class LineSplitter implements OutputSink {
    /** Lambda cuts log events at 256 KB. */
    public static final int MAX_LINE = 256 * 1024;

    private static final int FRAME_HEADER = 16;

    private final Consumer<String> lines;
    private final boolean frames;
    // The unfinished line. Guarded by `this`: the reader writes, and flushPartial may be called by others.
    private byte[] line = new byte[1024];
    private int length;
    // A frame being read: its header so far, then how many payload bytes are still to come.
    private final byte[] header = new byte[FRAME_HEADER];
    private int headerLength;
    private int payloadLeft = -1;

    public LineSplitter(Consumer<String> lines) {
        this(lines, false);
    }

    /** @param frames whether the output may carry telemetry frames (the Java runtime's stdout) */
    public LineSplitter(Consumer<String> lines, boolean frames) {
        this.lines = lines;
        this.frames = frames;
    }

    @Override
    public synchronized void write(byte[] bytes, int n) {
        for (int i = 0; i < n; i++) {
            byte b = bytes[i];
            if (frames && frame(b)) {
                continue;
            }
            if (b == '\n') {
                emit();
            } else {
                add(b);
            }
        }
    }

    /** Whether {@code b} belongs to a telemetry frame (and was taken care of). */
    private boolean frame(byte b) {
        if (payloadLeft > 0) {
            add(b == '\n' ? (byte) '\r' : b);
            if (--payloadLeft == 0) {
                payloadLeft = -1;
                while (length > 0 && line[length - 1] == '\r') {
                    length--; // the newline a JSON record ends with
                }
                emit();
            }
            return true;
        }
        if (headerLength == 0 && (length > 0 || b != (byte) 0xA5)) {
            return false;
        }
        header[headerLength++] = b;
        if (headerLength == 2 && b != 0x5A
                || headerLength == 4 && (header[2] != 0 || (header[3] & 0xE0) != 0 || (header[3] & 0x02) == 0)
                || headerLength == 8 && (size() < 0 || size() > MAX_LINE)) {
            headerAsText(); // not a frame after all
            return true;
        }
        if (headerLength == FRAME_HEADER) {
            headerLength = 0;
            payloadLeft = size() > 0 ? size() : -1;
        }
        return true;
    }

    /** The payload's length, from the header's bytes 4 to 7 (signed: a bogus one may be negative). */
    private int size() {
        return ((header[4] & 0xFF) << 24) | ((header[5] & 0xFF) << 16) | ((header[6] & 0xFF) << 8) | (header[7] & 0xFF);
    }

    /** The bytes taken for a header so far, handed on as the text they turned out to be. */
    private void headerAsText() {
        int n = headerLength;
        headerLength = 0;
        for (int i = 0; i < n; i++) {
            if (header[i] == '\n') {
                emit();
            } else {
                add(header[i]);
            }
        }
    }

    private void add(byte b) {
        if (length == MAX_LINE) {
            emit();
        }
        if (length == line.length) {
            line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
        }
        line[length++] = b;
    }

    @Override
    public synchronized void end() {
        payloadLeft = -1; // the process is gone: a frame it did not finish is handed on as it is
        headerAsText();
        flushPartial();
    }

    /**
     * Hands on an unfinished line, such as the Java runtime's log calls when they are not framed,
     * which end without a newline. A frame still arriving is left to finish.
     */
    public synchronized void flushPartial() {
        if (length > 0 && payloadLeft < 0) {
            emit();
        }
    }

    private void emit() {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        lines.accept(new String(line, 0, end, StandardCharsets.UTF_8));
        length = 0;
        if (line.length > 16 * 1024) {
            line = new byte[1024]; // a long line is no reason to hold its memory for good
        }
    }
}
