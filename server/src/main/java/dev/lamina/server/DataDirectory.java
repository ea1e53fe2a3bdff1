package dev.lamina.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A data directory held by this process alone. The lock is the operating system's, so it is released
 * when the process dies, even by {@code kill -9}; a second server on the same directory fails at once
 * instead of corrupting the first one's state.
 */
final class DataDirectory implements AutoCloseable {
    private final Path root;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel channel, FileLock lock) {
        this.root = root;
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectory acquire(Path root) {
        try {
            Files.createDirectories(root);
            // Sandboxes run as an unprivileged uid and must reach the code trees inside: others may
            // pass through the directory (x) but not list it (no r). Secrets inside are 0600.
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            FileChannel channel = FileChannel.open(root.resolve("lamina.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another Lamina server is using the data directory " + root);
            }
            return new DataDirectory(root, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the data directory " + root, e);
        }
    }

    Path root() {
        return root;
    }

    Path database() {
        return root.resolve("lamina.db");
    }

    Path code() {
        return root.resolve("code");
    }

    /** The durable queue of asynchronous invocations, a database of its own. */
    Path eventLog() {
        return root.resolve("events.db");
    }

    /** EventBridge's durable deliveries and schedules' fire marks, a database of its own. */
    Path eventBridgeLog() {
        return root.resolve("eventbridge.db");
    }

    /** Step Functions' journal of executions. */
    Path workflowsJournal() {
        return root.resolve("workflows.db");
    }

    Path runtimes() {
        return root.resolve("runtimes");
    }

    Path logs() {
        return root.resolve("logs");
    }

    /** The built-in SQS's queues and messages (the sqs module's own files). */
    Path sqs() {
        return root.resolve("sqs");
    }

    /** Stem cells' task directories: links into code/trees, emptied at every start. */
    Path cells() {
        return root.resolve("cells");
    }

    /** Private temporary directories of plain-process sandboxes. */
    Path sandboxTmp() {
        return root.resolve("sandbox-tmp");
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
