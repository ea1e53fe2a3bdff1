package dev.lamina.invoke.logs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;

/**
 * The last bytes of one invocation's log, for Invoke's {@code X-Amz-Log-Result}: Lambda returns the
 * last 4 KB, base64-encoded. Keeps whole lines while they fit, and never more than its capacity.
 */
public final class TailBuffer {
    public static final int LAMBDA_TAIL_BYTES = 4096;

    private final int capacity;
    private final ArrayDeque<byte[]> lines = new ArrayDeque<>();
    private int size;

    public TailBuffer(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        lines.addLast(bytes);
        size += bytes.length;
        while (size > capacity && lines.size() > 1) {
            size -= lines.removeFirst().length;
        }
    }

    /** The tail, at most {@code capacity} bytes (a line longer than that is cut at its start). */
    public synchronized byte[] bytes() {
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] line : lines) {
            System.arraycopy(line, 0, all, at, line.length);
            at += line.length;
        }
        if (all.length <= capacity) {
            return all;
        }
        byte[] cut = new byte[capacity];
        System.arraycopy(all, all.length - capacity, cut, 0, capacity);
        return cut;
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes());
    }
}
