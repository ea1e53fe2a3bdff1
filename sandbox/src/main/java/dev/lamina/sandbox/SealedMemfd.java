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
 * Bytes held in an anonymous memory file of Lamina's process, sealed so that nothing can change
 * them, and reachable by Lamina's children as {@code /proc/<lamina>/fd/<n>}: a file with no name on
 * any disk, and no window in which another process could swap its contents. Linux only, through
 * the foreign-function API; {@link #of} answers empty where that is refused.
 *
 * <p>One that lives as long as Lamina (the seccomp program) is never closed; a per-sandbox one (the
 * function's environment for bubblewrap) is closed once its process has exited, and only once: a
 * second close could close an unrelated fd that reused the number.
 */
final class SealedMemfd implements AutoCloseable {
    private static final int MFD_CLOEXEC = 1;
    private static final int MFD_ALLOW_SEALING = 2;
    private static final int F_ADD_SEALS = 1033;
    private static final int SEALS = 1 | 2 | 4 | 8; // SEAL, SHRINK, GROW, WRITE

    private static final MethodHandle CLOSE = closeHandle();

    private final int fd;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private SealedMemfd(int fd) {
        this.fd = fd;
    }

    private static MethodHandle closeHandle() {
        try {
            Linker l = Linker.nativeLinker();
            return l.downcallHandle(l.defaultLookup().find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        } catch (RuntimeException e) {
            return null; // no native close: of() then makes no memory files at all
        }
    }

    /** Closes the fd; later calls do nothing. The path no longer opens the bytes afterwards. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            close(fd);
        }
    }

    private static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            // Nothing to recover: the fd stays open until Lamina exits.
        }
    }

    /** The path by which a child process of Lamina opens the bytes (read-only, from the start). */
    String path() {
        return "/proc/" + ProcessHandle.current().pid() + "/fd/" + fd;
    }

    /** A sealed memory file holding {@code bytes}, open until {@link #close}d. */
    static Optional<SealedMemfd> of(String name, byte[] bytes) {
        if (CLOSE == null) {
            return Optional.empty();
        }
        try {
            Linker l = Linker.nativeLinker();
            SymbolLookup c = l.defaultLookup();
            ValueLayout.OfInt i = ValueLayout.JAVA_INT;
            ValueLayout.OfLong j = ValueLayout.JAVA_LONG;
            MethodHandle create = l.downcallHandle(c.find("memfd_create").orElseThrow(),
                    FunctionDescriptor.of(i, ValueLayout.ADDRESS, i));
            MethodHandle write = l.downcallHandle(c.find("write").orElseThrow(),
                    FunctionDescriptor.of(j, i, ValueLayout.ADDRESS, j));
            MethodHandle fcntl = l.downcallHandle(c.find("fcntl").orElseThrow(), FunctionDescriptor.of(i, i, i, i),
                    Linker.Option.firstVariadicArg(2));
            try (Arena arena = Arena.ofConfined()) {
                int fd = (int) create.invokeExact(arena.allocateFrom(name), MFD_CLOEXEC | MFD_ALLOW_SEALING);
                if (fd < 0) {
                    return Optional.empty();
                }
                MemorySegment data = arena.allocate(bytes.length);
                data.copyFrom(MemorySegment.ofArray(bytes));
                boolean made = false;
                try {
                    long written = (long) write.invokeExact(fd, data, (long) bytes.length);
                    int sealed = (int) fcntl.invokeExact(fd, F_ADD_SEALS, SEALS);
                    made = written == bytes.length && sealed == 0;
                    return made ? Optional.of(new SealedMemfd(fd)) : Optional.empty();
                } finally {
                    if (!made) {
                        close(fd); // a short write or a refused seal: the half-made file is of no use
                    }
                }
            }
        } catch (Throwable e) {
            return Optional.empty();
        }
    }
}
