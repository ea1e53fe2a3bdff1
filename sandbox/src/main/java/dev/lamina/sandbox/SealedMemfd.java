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
 * any disk, nothing to clean up, and no window in which another process could swap its contents.
 * Linux only, through the foreign-function API; {@link #of} answers empty where that is refused.
 */
final class SealedMemfd {
    private static final int MFD_CLOEXEC = 1;
    private static final int MFD_ALLOW_SEALING = 2;
    private static final int F_ADD_SEALS = 1033;
    private static final int SEALS = 1 | 2 | 4 | 8; // SEAL, SHRINK, GROW, WRITE

    private final int fd;

    private SealedMemfd(int fd) {
        this.fd = fd;
    }

    /** The path by which a child process of Lamina opens the bytes (read-only, from the start). */
    String path() {
        return "/proc/" + ProcessHandle.current().pid() + "/fd/" + fd;
    }

    /** A sealed memory file holding {@code bytes}, kept open for the life of Lamina. */
    static Optional<SealedMemfd> of(String name, byte[] bytes) {
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
                long written = (long) write.invokeExact(fd, data, (long) bytes.length);
                int sealed = (int) fcntl.invokeExact(fd, F_ADD_SEALS, SEALS);
                return written == bytes.length && sealed == 0 ? Optional.of(new SealedMemfd(fd)) : Optional.empty();
            }
        } catch (Throwable e) {
            return Optional.empty();
        }
    }
}
