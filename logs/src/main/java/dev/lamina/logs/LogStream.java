package dev.lamina.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One function environment's log stream. Appends reach the operating system at once (a reader sees
 * them) and are forced to disk by the store's background sync. Past the environment's byte cap,
 * events are counted and dropped, and one event says so. If the group or stream is deleted while the
 * environment runs, the next append creates them again, as Lambda does.
 */
public final class LogStream implements AutoCloseable {
    private final LogStore store;
    private final String group;
    private final String stream;
    private final long maxBytes;
    private StreamFiles files;
    private long written;
    private long dropped;
    private boolean closed;

    LogStream(LogStore store, String group, String stream, StreamFiles files, long maxBytes) {
        this.store = store;
        this.group = group;
        this.stream = stream;
        this.files = files;
        this.maxBytes = maxBytes;
    }

    /** Appends events with the same time, in one write. Messages may hold any characters. */
    public synchronized void append(long epochMillis, String... messages) {
        if (closed) {
            return;
        }
        List<StreamFiles.Pending> pending = new ArrayList<>(messages.length + 1);
        long bytes = 0;
        for (String message : messages) {
            byte[] utf8 = utf8(message);
            if (written + bytes + Records.size(utf8) > maxBytes) {
                if (dropped++ == 0) {
                    pending.add(new StreamFiles.Pending(epochMillis, utf8("[Lamina] this log stream reached its limit of "
                            + maxBytes + " bytes; further log events are dropped")));
                }
                continue;
            }
            pending.add(new StreamFiles.Pending(epochMillis, utf8));
            bytes += Records.size(utf8);
        }
        if (pending.isEmpty()) {
            return;
        }
        try {
            long n = files.append(pending, epochMillis);
            if (n < 0) {
                files.closedForWriting();
                files = store.writable(group, stream);
                n = files.append(pending, epochMillis);
            }
            written += Math.max(0, n);
        } catch (IOException e) {
            // A full or failing disk must not break invocations; the events are lost and counted.
            dropped += messages.length;
        }
        store.afterAppend();
    }

    /** Events dropped because the stream was full or the disk failed. */
    public synchronized long dropped() {
        return dropped;
    }

    /** A message as stored: UTF-8 (unpaired surrogates replaced), at most CloudWatch's 1 MiB per event. */
    static byte[] utf8(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= Records.MAX_MESSAGE_BYTES) {
            return bytes;
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer out = ByteBuffer.allocate(Records.MAX_MESSAGE_BYTES);
        encoder.encode(CharBuffer.wrap(message), out, true); // stops, whole characters only, when full
        byte[] cut = new byte[out.position()];
        out.flip().get(cut);
        return cut;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            files.sync();
            files.closedForWriting();
        }
    }
}
