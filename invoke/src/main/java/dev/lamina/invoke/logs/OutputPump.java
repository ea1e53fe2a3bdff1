package dev.lamina.invoke.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Reads a process's output as fast as it comes and hands it on line by line, on a virtual thread of
 * its own. Memory stays bounded whatever the process writes: a line longer than {@link #MAX_LINE}
 * is handed on in pieces. The consumer must not block.
 */
public final class OutputPump {
    /** Lambda cuts log events at 256 KB. */
    public static final int MAX_LINE = 256 * 1024;

    private final InputStream in;
    private final Consumer<String> lines;
    private final Thread thread;
    // Published progress, because the stream itself cannot be asked: its lock is held by a blocked read.
    private volatile boolean waiting;
    private volatile long lastActivityNanos = System.nanoTime();

    private OutputPump(InputStream in, Consumer<String> lines, String name) {
        this.in = in;
        this.lines = lines;
        this.thread = Thread.ofVirtual().name(name).unstarted(this::run);
    }

    public static OutputPump start(InputStream in, Consumer<String> lines, String name) {
        OutputPump pump = new OutputPump(in, lines, name);
        pump.thread.start();
        return pump;
    }

    // The unfinished line; guarded by `this`, as drain() may hand it on from another thread.
    private final byte[] line = new byte[MAX_LINE];
    private int length;

    private void run() {
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while (true) {
                waiting = true;
                n = in.read(buffer);
                waiting = false;
                lastActivityNanos = System.nanoTime();
                if (n <= 0) {
                    break;
                }
                consume(buffer, n);
                lastActivityNanos = System.nanoTime();
            }
        } catch (IOException e) {
            // the process closed its output
        } finally {
            flushPartial();
        }
    }

    private synchronized void consume(byte[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                emit();
            } else {
                if (length == MAX_LINE) {
                    emit();
                }
                line[length++] = b;
            }
        }
    }

    /** Hands on an unfinished line, such as the Java runtime's log calls, which end without a newline. */
    private synchronized void flushPartial() {
        if (length > 0) {
            emit();
        }
    }

    private void emit() {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        lines.accept(new String(line, 0, end, StandardCharsets.UTF_8));
        length = 0;
    }

    /**
     * Waits, at most {@code maxMillis}, until what the process wrote before now has been handed on,
     * so that its lines land before END. When the pipe can be asked ({@code unread} answers how many
     * bytes it holds), that is when it holds none and the pump sits in its next read. When it cannot
     * ({@code unread} answers -1), a heuristic: until the pump has sat in a read for a millisecond
     * with nothing new, so output still in flight may land later.
     */
    public void drain(long maxMillis, IntSupplier unread) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        while (System.nanoTime() < deadline && thread.isAlive()) {
            int bytes = unread.getAsInt();
            if (waiting && (bytes == 0 || bytes < 0 && System.nanoTime() - lastActivityNanos > QUIET_NANOS)) {
                break;
            }
            Thread.yield();
        }
        flushPartial();
    }

    private static final long QUIET_NANOS = 1_000_000;

    /** Waits for the pump to reach the end of the output (after the process has exited). */
    public void awaitEnd(long maxMillis) throws InterruptedException {
        thread.join(maxMillis);
    }
}
