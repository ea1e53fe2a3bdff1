package dev.lamina.sandbox;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * How many bytes wait unread in a pipe a sandboxed process writes to (its stdout or stderr), asked
 * of the kernel with {@code ioctl(FIONREAD)}. Java's process streams cannot say: the pipe is reached
 * a second time through {@code /proc/<pid>/fd/<n>}, opened for reading without ever being read, so
 * it changes nothing for the process or for the reader of its output.
 *
 * <p>Linux only. Where the pipe cannot be opened (no access to the process's /proc entry), there is
 * no probe and callers fall back to waiting.
 */
public final class PipeProbe implements AutoCloseable {
    private static final int O_RDONLY = 0;
    private static final int O_NONBLOCK = 04000;
    private static final long FIONREAD = 0x541B; // the same on x86_64 and arm64
    private static final MethodHandle OPEN;
    private static final MethodHandle IOCTL;
    private static final MethodHandle CLOSE;

    static {
        MethodHandle open = null;
        MethodHandle ioctl = null;
        MethodHandle close = null;
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            open = linker.downcallHandle(libc.find("open").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
            ioctl = linker.downcallHandle(libc.find("ioctl").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), Linker.Option.firstVariadicArg(2));
            close = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT));
        } catch (RuntimeException | Error e) {
            // native access refused or not Linux: no probes
        }
        OPEN = open;
        IOCTL = ioctl;
        CLOSE = close;
    }

    private final int fd;
    private final MemorySegment count = Arena.global().allocate(ValueLayout.JAVA_INT);
    private boolean closed;

    private PipeProbe(int fd) {
        this.fd = fd;
    }

    /** A probe of file descriptor {@code fd} of process {@code pid}, if it can be had. */
    static Optional<PipeProbe> open(long pid, int fd) {
        if (OPEN == null) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            int opened = (int) OPEN.invokeExact(arena.allocateFrom("/proc/" + pid + "/fd/" + fd), O_RDONLY | O_NONBLOCK);
            return opened < 0 ? Optional.empty() : Optional.of(new PipeProbe(opened));
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    /** Bytes written to the pipe and not read yet; -1 when the kernel does not answer. */
    public synchronized int unread() {
        if (closed) {
            return -1;
        }
        try {
            int result = (int) IOCTL.invokeExact(fd, FIONREAD, count);
            return result < 0 ? -1 : count.get(ValueLayout.JAVA_INT, 0);
        } catch (Throwable e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                int ignored = (int) CLOSE.invokeExact(fd);
            } catch (Throwable e) {
                // nothing to release then
            }
        }
    }
}
