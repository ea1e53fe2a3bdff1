package dev.lamina.sandbox;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Opens listening sockets inside another process's network namespace. A socket belongs for good to
 * the namespace it was created in, so a thread of Lamina's enters the namespace with setns(2),
 * creates and binds the sockets, and goes back; the sockets keep listening there while Lamina
 * accepts on them like on any other.
 *
 * <p>The namespace is per thread, so this happens on a fresh platform thread of its own (a virtual
 * thread could move to another carrier between the calls); if going back ever failed, that thread
 * ends with its wrong namespace instead of serving anything else. Entering needs CAP_SYS_ADMIN over
 * the namespace and in Lamina's own user namespace: Lamina running as root has both, an unprivileged
 * Lamina does not ({@link #available()} is then still true, and {@link #listen} fails).
 */
final class NetNs {
    private static final int O_RDONLY_CLOEXEC = 02000000;
    private static final int CLONE_NEWNET = 0x40000000;
    /** How long binding waits for the namespace's loopback, which bubblewrap brings up after creating it. */
    private static final long LOOPBACK_WAIT_MS = 5_000;

    private static final Native NATIVE = Native.load();

    private NetNs() {
    }

    private record Native(MethodHandle open, MethodHandle close, MethodHandle setns) {
        static Native load() {
            try {
                Linker l = Linker.nativeLinker();
                SymbolLookup c = l.defaultLookup();
                ValueLayout.OfInt i = ValueLayout.JAVA_INT;
                return new Native(
                        l.downcallHandle(c.find("open").orElseThrow(), FunctionDescriptor.of(i, ValueLayout.ADDRESS, i),
                                Linker.Option.firstVariadicArg(2)),
                        l.downcallHandle(c.find("close").orElseThrow(), FunctionDescriptor.of(i, i)),
                        l.downcallHandle(c.find("setns").orElseThrow(), FunctionDescriptor.of(i, i, i),
                                Linker.Option.captureCallState("errno")));
            } catch (RuntimeException | Error e) {
                return null;
            }
        }
    }

    /** Whether native calls are allowed at all (--enable-native-access). */
    static boolean available() {
        return NATIVE != null;
    }

    /**
     * Listening sockets on {@code 127.0.0.1:<port>} for each of {@code ports}, inside the network
     * namespace of process {@code pid}, by port.
     */
    static Map<Integer, ServerSocketChannel> listen(long pid, List<Integer> ports) throws IOException {
        if (NATIVE == null) {
            throw new IOException("native access is not allowed: cannot enter network namespaces");
        }
        CompletableFuture<Map<Integer, ServerSocketChannel>> result = new CompletableFuture<>();
        Thread.ofPlatform().name("lamina-netns-" + pid).daemon().start(() -> {
            try {
                result.complete(inNamespace(pid, ports));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening sockets in a sandbox", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static Map<Integer, ServerSocketChannel> inNamespace(long pid, List<Integer> ports) throws Throwable {
        int home = open("/proc/thread-self/ns/net");
        try {
            int target = open("/proc/" + pid + "/ns/net");
            try {
                setns(target, "enter the network namespace of process " + pid);
            } finally {
                close(target);
            }
            try {
                Map<Integer, ServerSocketChannel> sockets = new LinkedHashMap<>();
                try {
                    for (int port : ports) {
                        sockets.put(port, bindLoopback(port));
                    }
                } catch (IOException | RuntimeException e) {
                    for (ServerSocketChannel s : sockets.values()) {
                        s.close();
                    }
                    throw e;
                }
                return sockets;
            } finally {
                try {
                    setns(home, "return to Lamina's network namespace");
                } catch (IOException e) {
                    // This thread must not live on in the sandbox's namespace; it ends with the error.
                    throw new Error("could not leave a sandbox's network namespace", e);
                }
            }
        } finally {
            close(home);
        }
    }

    private static ServerSocketChannel bindLoopback(int port) throws IOException {
        long deadline = System.nanoTime() + LOOPBACK_WAIT_MS * 1_000_000;
        while (true) {
            ServerSocketChannel socket = ServerSocketChannel.open();
            try {
                socket.bind(new InetSocketAddress("127.0.0.1", port), 64);
                return socket;
            } catch (BindException e) {
                socket.close();
                // 127.0.0.1 exists once bubblewrap has brought the loopback up, a moment after the namespace.
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }
    }

    private static int open(String path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) NATIVE.open().invokeExact(arena.allocateFrom(path), O_RDONLY_CLOEXEC);
            if (fd < 0) {
                throw new IOException("cannot open " + path);
            }
            return fd;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    private static void setns(int fd, String what) throws IOException {
        int rc;
        int errno;
        try (Arena arena = Arena.ofConfined()) {
            var state = arena.allocate(Linker.Option.captureStateLayout());
            rc = (int) NATIVE.setns().invokeExact(state, fd, CLONE_NEWNET);
            errno = state.get(ValueLayout.JAVA_INT, Linker.Option.captureStateLayout()
                    .byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno")));
        } catch (Throwable t) {
            throw new IOException(t);
        }
        if (rc != 0) {
            throw new IOException("cannot " + what + " (setns errno " + errno + ")");
        }
    }

    private static void close(int fd) {
        try {
            int ignored = (int) NATIVE.close().invokeExact(fd);
        } catch (Throwable t) {
            // Nothing to do: the descriptor is lost either way.
        }
    }
}
