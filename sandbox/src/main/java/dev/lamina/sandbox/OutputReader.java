package dev.lamina.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * What reads a sandboxed process's stdout and stderr into their sinks. Normally the shared
 * {@link PipePoller} (no thread of its own); where it is unavailable, a virtual thread per stream
 * reading Java's process streams.
 */
public final class OutputReader {
    private final List<PipePoller.Pipe> pipes;
    private final List<Thread> threads;

    private OutputReader(List<PipePoller.Pipe> pipes, List<Thread> threads) {
        this.pipes = pipes;
        this.threads = threads;
    }

    static OutputReader start(Process process, OutputSink stdout, OutputSink stderr) {
        Optional<PipePoller> poller = PipePoller.shared();
        if (poller.isPresent()) {
            Optional<PipePoller.Pipe> out = poller.get().register(process.pid(), 1, stdout);
            Optional<PipePoller.Pipe> err = out.isEmpty() ? Optional.empty()
                    : poller.get().register(process.pid(), 2, stderr);
            // A pid is not reused before it is reaped: alive now, the descriptors were this process's.
            if (out.isPresent() && err.isPresent() && process.isAlive()) {
                // Java's own ends of the pipes are closed: at the process's exit the JDK would read
                // what is left in them into a buffer nobody reads, taking the last lines from the poller.
                closeQuietly(process.getInputStream());
                closeQuietly(process.getErrorStream());
                return new OutputReader(List.of(out.get(), err.get()), List.of());
            }
            // All or nothing: a stream read both by the poller and by a thread would come out shuffled.
            out.ifPresent(PipePoller.Pipe::close);
            err.ifPresent(PipePoller.Pipe::close);
        }
        return new OutputReader(List.of(), List.of(thread(process.getInputStream(), stdout),
                thread(process.getErrorStream(), stderr)));
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing was read from it
        }
    }

    private static Thread thread(InputStream in, OutputSink sink) {
        return Thread.ofVirtual().name("lamina-output").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    sink.write(buffer, n);
                }
            } catch (IOException e) {
                // the process closed its output
            } finally {
                sink.end();
            }
        });
    }

    /**
     * Hands on everything the process has written so far. Exact when polled; with reader threads,
     * waits up to {@code fallbackMillis} for output that may still be in flight.
     */
    public void drain(long fallbackMillis) throws InterruptedException {
        if (!pipes.isEmpty()) {
            // What the pipes hold now was written before now; what comes later is the poller's.
            for (PipePoller.Pipe p : pipes) {
                p.pump(Math.max(1, p.unread()));
            }
            return;
        }
        if (fallbackMillis > 0) {
            Thread.sleep(Math.min(fallbackMillis, 1)); // the reader threads get their turn
        }
    }

    /** Waits, at most {@code millis}, until both streams have ended (after the process has exited). */
    public void awaitEnd(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (PipePoller.Pipe p : pipes) {
            while (!p.ended() && System.nanoTime() < deadline) {
                p.pump(Long.MAX_VALUE);
                Thread.sleep(1);
            }
        }
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    /** Whether the output is read by the poller, so that {@link #drain} is exact. */
    public boolean exact() {
        return !pipes.isEmpty();
    }
}
