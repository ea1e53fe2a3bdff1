package dev.lamina.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * One log stream's file. Appends are written through to the operating system at once (so a reader
 * sees them) and forced to disk by the store's background sync. Past the size cap, events are
 * counted and dropped, and one line says so.
 */
public final class LogStream implements AutoCloseable {
    private final Path file;
    private final long maxBytes;
    private final Consumer<LogStream> onClose;
    private FileChannel channel;
    private Writer writer;
    private long written;
    private long dropped;
    private boolean dirty;

    LogStream(Path file, long maxBytes, Consumer<LogStream> onClose) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.onClose = onClose;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            written = channel.size();
            writer = Channels.newWriter(channel, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends events with the same time, in one write; no message holds a newline. */
    public synchronized void append(long epochMillis, String... messages) {
        if (writer == null) {
            return;
        }
        try {
            for (String message : messages) {
                String line = epochMillis + "\t" + message + "\n";
                int bytes = line.getBytes(StandardCharsets.UTF_8).length;
                if (written + bytes > maxBytes) {
                    if (dropped++ == 0) {
                        writer.write(epochMillis + "\t[Lamina] this log stream reached its limit of " + maxBytes
                                + " bytes; further log events are dropped\n");
                    }
                    continue;
                }
                writer.write(line);
                written += bytes;
            }
            writer.flush();
            dirty = true;
        } catch (IOException e) {
            // A full or failing disk must not break invocations; the events are lost and counted.
            dropped += messages.length;
        }
    }

    /** Events dropped because the stream was full or the disk failed. */
    public synchronized long dropped() {
        return dropped;
    }

    synchronized void sync() {
        if (dirty && channel != null) {
            try {
                channel.force(false);
                dirty = false;
            } catch (IOException e) {
                // retried at the next sync
            }
        }
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            sync();
            try {
                writer.close();
            } catch (IOException e) {
                // closing after the sync; nothing left to lose
            }
            writer = null;
            channel = null;
            onClose.accept(this);
        }
    }
}
