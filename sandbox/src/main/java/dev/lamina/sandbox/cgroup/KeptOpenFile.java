package dev.lamina.sandbox.cgroup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * A control-group file used on every invocation, opened on first use and kept open until its group
 * is closed: a positioned read or write of an open file is one system call, where opening, using
 * and closing it are three or more.
 */
abstract class KeptOpenFile implements AutoCloseable {
    private final Path path;
    private final OpenOption mode;
    private FileChannel channel;
    private boolean closed;

    KeptOpenFile(Path path, OpenOption mode) {
        this.path = path;
        this.mode = mode;
    }

    /** The open file, opened now if need be; null once closed. Call with this object's lock held. */
    final FileChannel channel() throws IOException {
        if (closed) {
            return null;
        }
        if (channel == null) {
            channel = FileChannel.open(path, mode);
        }
        return channel;
    }

    @Override
    public final synchronized void close() {
        closed = true;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing is buffered
            }
            channel = null;
        }
    }
}
