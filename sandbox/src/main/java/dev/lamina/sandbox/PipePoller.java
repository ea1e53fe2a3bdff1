package dev.lamina.sandbox;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the output of every sandbox on one thread, with epoll: an idle environment costs no thread
 * at all, where a blocking reader would hold a platform thread per stream (virtual threads pin
 * their carrier on a pipe read). A process's pipe is reached a second time through
 * {@code /proc/<pid>/fd/<n>}, opened non-blocking for reading; Java's own stream of it is never
 * read. Whoever wants what was written so far ({@link Pipe#pump}) reads it at once, on their own
 * thread, which makes draining exact: no guessing whether output is still in flight.
 *
 * <p>Linux only, through the foreign-function API. Where that is refused, or /proc cannot be
 * opened, {@link #shared()} or {@link #register} answer empty and callers fall back to a reader thread.
 * One instance for the whole server (like the JDK's own poller): the thread is a daemon.
 */
final class PipePoller {
    private static final int O_RDONLY_NONBLOCK_CLOEXEC = 04000 | 02000000;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CTL_DEL = 2;
    private static final int EPOLLIN = 0x001;
    private static final long FIONREAD = 0x541B;
    private static final int CHUNK = 64 * 1024;
    /** What the poller reads from one pipe before it looks at the others again. */
    private static final long FAIR_SHARE = 256 * 1024;
    /** epoll_event is packed (12 bytes) on x86_64 and padded (16) elsewhere; its data follows events. */
    private static final boolean PACKED = System.getProperty("os.arch").equals("amd64")
            || System.getProperty("os.arch").equals("x86_64");
    private static final int EVENT_SIZE = PACKED ? 12 : 16;
    private static final int DATA_OFFSET = PACKED ? 4 : 8;
    private static final int MAX_EVENTS = 64;

    private static final Native NATIVE = Native.load();
    private static final PipePoller SHARED = NATIVE == null ? null : PipePoller.start();

    /** The libc calls used, or null where native access is refused. */
    private record Native(MethodHandle open, MethodHandle close, MethodHandle read, MethodHandle ioctl,
                          MethodHandle epollCreate, MethodHandle epollCtl, MethodHandle epollWait) {
        static Native load() {
            try {
                Linker l = Linker.nativeLinker();
                SymbolLookup c = l.defaultLookup();
                ValueLayout.OfInt i = ValueLayout.JAVA_INT;
                ValueLayout.OfLong j = ValueLayout.JAVA_LONG;
                var a = ValueLayout.ADDRESS;
                return new Native(
                        l.downcallHandle(c.find("open").orElseThrow(), FunctionDescriptor.of(i, a, i),
                                Linker.Option.firstVariadicArg(2)),
                        l.downcallHandle(c.find("close").orElseThrow(), FunctionDescriptor.of(i, i)),
                        l.downcallHandle(c.find("read").orElseThrow(), FunctionDescriptor.of(j, i, a, j)),
                        l.downcallHandle(c.find("ioctl").orElseThrow(), FunctionDescriptor.of(i, i, j, a),
                                Linker.Option.firstVariadicArg(2)),
                        l.downcallHandle(c.find("epoll_create1").orElseThrow(), FunctionDescriptor.of(i, i)),
                        l.downcallHandle(c.find("epoll_ctl").orElseThrow(), FunctionDescriptor.of(i, i, i, i, a)),
                        l.downcallHandle(c.find("epoll_wait").orElseThrow(), FunctionDescriptor.of(i, i, a, i, i)));
            } catch (RuntimeException | Error e) {
                return null;
            }
        }
    }

    private final int epoll;
    private final Map<Integer, Pipe> pipes = new ConcurrentHashMap<>();

    private PipePoller(int epoll) {
        this.epoll = epoll;
    }

    static Optional<PipePoller> shared() {
        return Optional.ofNullable(SHARED);
    }

    private static PipePoller start() {
        try {
            int epoll = (int) NATIVE.epollCreate().invokeExact(02000000);
            if (epoll < 0) {
                return null;
            }
            PipePoller poller = new PipePoller(epoll);
            Thread.ofPlatform().name("lamina-output-poller").daemon().start(poller::loop);
            return poller;
        } catch (Throwable e) {
            return null;
        }
    }

    /** One process's stream, reached through its own read end. */
    final class Pipe {
        private final int fd;
        private final OutputSink sink;
        private boolean ended;

        private Pipe(int fd, OutputSink sink) {
            this.fd = fd;
            this.sink = sink;
        }

        /**
         * Reads what the pipe holds now, at most {@code maxBytes}, and hands it to the sink; notices
         * the end of the stream. Never blocks on the pipe (only on another thread pumping this same
         * pipe). The cap keeps one flooding function from holding the poller: epoll is
         * level-triggered, so what is left is reported again.
         */
        synchronized void pump(long maxBytes) {
            if (ended) {
                return;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment count = arena.allocate(ValueLayout.JAVA_INT);
                MemorySegment buffer = arena.allocate(CHUNK);
                long done = 0;
                while (!ended && done < maxBytes) {
                    int ok = (int) NATIVE.ioctl().invokeExact(fd, FIONREAD, count);
                    int available = ok < 0 ? 0 : count.get(ValueLayout.JAVA_INT, 0);
                    // With nothing buffered, a one-byte read tells the end (0) from an empty pipe (-1).
                    long want = Math.max(1, Math.min(Math.min(available, CHUNK), maxBytes - done));
                    long n = (long) NATIVE.read().invokeExact(fd, buffer, want);
                    if (n == 0) {
                        end();
                        return;
                    }
                    if (n < 0) {
                        return; // nothing more for now
                    }
                    done += n;
                    deliver(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
                }
            } catch (Throwable e) {
                end();
            }
        }

        /** Bytes written to the pipe and not read yet (0 when that cannot be asked). */
        synchronized int unread() {
            if (ended) {
                return 0;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment count = arena.allocate(ValueLayout.JAVA_INT);
                int ok = (int) NATIVE.ioctl().invokeExact(fd, FIONREAD, count);
                return ok < 0 ? 0 : count.get(ValueLayout.JAVA_INT, 0);
            } catch (Throwable e) {
                return 0;
            }
        }

        /** A sink that fails loses that chunk, not the stream: the process must never block on its pipe. */
        private void deliver(byte[] bytes) {
            try {
                sink.write(bytes, bytes.length);
            } catch (RuntimeException e) {
                System.err.println("lamina: an output sink failed; " + bytes.length + " bytes dropped: " + e);
            }
        }

        /** Once only: the descriptor is closed once, so a number reused meanwhile is never touched. */
        void end() {
            if (ended) {
                return;
            }
            ended = true;
            pipes.remove(fd);
            try {
                int ignored = (int) NATIVE.epollCtl().invokeExact(epoll, EPOLL_CTL_DEL, fd, MemorySegment.NULL);
                ignored = (int) NATIVE.close().invokeExact(fd);
            } catch (Throwable e) {
                // the descriptor is gone either way
            }
            try {
                sink.end();
            } catch (RuntimeException e) {
                System.err.println("lamina: an output sink failed at the end of its stream: " + e);
            }
        }

        /** Stops reading this stream: its descriptor is closed and the sink told the stream has ended. */
        synchronized void close() {
            end();
        }

        synchronized boolean ended() {
            return ended;
        }
    }

    /** Starts delivering what process {@code pid} writes to its descriptor {@code fd} to {@code sink}. */
    Optional<Pipe> register(long pid, int fd, OutputSink sink) {
        try (Arena arena = Arena.ofConfined()) {
            int reopened = (int) NATIVE.open().invokeExact(arena.allocateFrom("/proc/" + pid + "/fd/" + fd),
                    O_RDONLY_NONBLOCK_CLOEXEC);
            if (reopened < 0) {
                return Optional.empty();
            }
            Pipe pipe = new Pipe(reopened, sink);
            pipes.put(reopened, pipe);
            MemorySegment event = arena.allocate(EVENT_SIZE);
            event.set(ValueLayout.JAVA_INT_UNALIGNED, 0, EPOLLIN);
            event.set(ValueLayout.JAVA_LONG_UNALIGNED, DATA_OFFSET, reopened);
            int ok = (int) NATIVE.epollCtl().invokeExact(epoll, EPOLL_CTL_ADD, reopened, event);
            if (ok < 0) {
                pipes.remove(reopened);
                int ignored = (int) NATIVE.close().invokeExact(reopened);
                return Optional.empty();
            }
            return Optional.of(pipe);
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    private void loop() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment events = arena.allocate((long) EVENT_SIZE * MAX_EVENTS);
            while (true) {
                int n = (int) NATIVE.epollWait().invokeExact(epoll, events, MAX_EVENTS, 1000);
                for (int i = 0; i < n; i++) {
                    int fd = (int) events.get(ValueLayout.JAVA_LONG_UNALIGNED, (long) i * EVENT_SIZE + DATA_OFFSET);
                    Pipe pipe = pipes.get(fd);
                    if (pipe != null) {
                        pipe.pump(FAIR_SHARE); // catches what fails: one pipe never stops the others
                    }
                }
            }
        } catch (Throwable e) {
            // The poller cannot go on; streams registered from now on fall back to reader threads.
            System.err.println("lamina: the output poller stopped: " + e);
        }
    }
}
