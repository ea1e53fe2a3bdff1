package dev.lamina.sandbox.cgroup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One number-valued file of a control group (memory.peak, memory.max_usage_in_bytes), kept open
 * once read: every REPORT line reads it. Closed with its group.
 */
final class CounterFile extends KeptOpenFile {
    private final ByteBuffer buffer = ByteBuffer.allocate(32);

    CounterFile(Path path) {
        super(path, StandardOpenOption.READ);
    }

    /** The file's number, or -1 when it cannot be read (no such controller, or the group is gone). */
    synchronized long read() {
        try {
            FileChannel channel = channel();
            if (channel == null) {
                return -1;
            }
            buffer.clear();
            // Kernel attribute files are read from offset 0 each time and fit one small buffer.
            int n = channel.read(buffer, 0);
            if (n <= 0) {
                return -1;
            }
            String text = new String(buffer.array(), 0, n, StandardCharsets.US_ASCII).trim();
            return text.equals("max") ? -1 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
