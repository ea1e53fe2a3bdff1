package dev.lamina.invoke.logs;

import dev.lamina.sandbox.OutputSink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turns a process's output into log lines: one per newline, a trailing carriage return dropped.
 * Memory stays bounded whatever the process writes: a line longer than {@link #MAX_LINE} is handed
 * on in pieces, and the buffer of the unfinished line starts small and shrinks again after a long one.
 */
public final class LineSplitter implements OutputSink {
    /** Lambda cuts log events at 256 KB. */
    public static final int MAX_LINE = 256 * 1024;

    private final Consumer<String> lines;
    // The unfinished line. Guarded by `this`: the reader writes, and flushPartial may be called by others.
    private byte[] line = new byte[1024];
    private int length;

    public LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(byte[] bytes, int n) {
        for (int i = 0; i < n; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                emit();
            } else {
                if (length == MAX_LINE) {
                    emit();
                }
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
                }
                line[length++] = b;
            }
        }
    }

    @Override
    public void end() {
        flushPartial();
    }

    /** Hands on an unfinished line, such as the Java runtime's log calls, which end without a newline. */
    public synchronized void flushPartial() {
        if (length > 0) {
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
