package dev.lamina.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Function logs on disk: one directory per log group, one append-only file per log stream, one
 * line per log event ({@code <epoch millis>\t<message>}). Streams are forced to disk at least every
 * second in the background, so logging never waits for an fsync on the invoke path; a crash loses at
 * most the last second. The CloudWatch-Logs-compatible API reads these files.
 */
public final class LogStore implements AutoCloseable {
    static final Duration FSYNC_INTERVAL = Duration.ofSeconds(1);

    private final Path root;
    private final long maxStreamBytes;
    private final Set<LogStream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService syncer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lamina-log-sync").daemon().factory());

    /** @param maxStreamBytes the largest a stream may grow; later events are dropped and counted */
    public LogStore(Path root, long maxStreamBytes) {
        this.root = root;
        this.maxStreamBytes = maxStreamBytes;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        syncer.scheduleWithFixedDelay(this::syncAll, FSYNC_INTERVAL.toMillis(), FSYNC_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Opens (creating) a stream for appending. Close it when its environment ends. */
    public LogStream open(String group, String stream) {
        Path file = root.resolve(encode(group)).resolve(encode(stream) + ".log");
        LogStream s = new LogStream(file, maxStreamBytes, open::remove);
        open.add(s);
        return s;
    }

    /** The file a stream is kept in. */
    public Path file(String group, String stream) {
        return root.resolve(encode(group)).resolve(encode(stream) + ".log");
    }

    private void syncAll() {
        for (LogStream s : open) {
            s.sync();
        }
    }

    /** Names become single path segments that cannot escape the root. */
    static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("*", "%2A");
    }

    @Override
    public void close() {
        syncer.shutdownNow();
        for (LogStream s : open) {
            s.close();
        }
    }
}
