package dev.lamina.sandbox;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
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
 * waits for bubblewrap to bring the namespace's loopback up, creates and binds the sockets, and
 * goes back; the sockets keep listening there while Lamina accepts on them like on any other.
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
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM_CLOEXEC = 2 | 02000000;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final short IFF_UP = 0x1;
    /** struct ifreq: a 16-byte name, then a union whose first member here is the short ifr_flags. */
    private static final int IFREQ_SIZE = 40;
    private static final int IFNAMSIZ = 16;
    /** How long to wait for bubblewrap to bring up the namespace's loopback, which it does after creating it. */
    private static final long LOOPBACK_WAIT_MS = 20_000;

    private static final Native NATIVE = Native.load();

    private NetNs() {
    }

    private record Native(MethodHandle open, MethodHandle close, MethodHandle setns, MethodHandle socket,
                          MethodHandle ioctl) {
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
                                Linker.Option.captureCallState("errno")),
                        l.downcallHandle(c.find("socket").orElseThrow(), FunctionDescriptor.of(i, i, i, i)),
                        l.downcallHandle(c.find("ioctl").orElseThrow(), FunctionDescriptor.of(i, i,
                                ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), Linker.Option.firstVariadicArg(2)));
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
                awaitLoopbackUp();
                Map<Integer, ServerSocketChannel> sockets = new LinkedHashMap<>();
                try {
                    for (int port : ports) {
                        ServerSocketChannel socket = ServerSocketChannel.open();
                        sockets.put(port, socket);
                        socket.bind(new InetSocketAddress("127.0.0.1", port), 64);
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

    /**
     * Waits until bubblewrap has set up the namespace's loopback (it adds 127.0.0.1, then brings
     * {@code lo} up). Nothing else may touch the namespace before: binding 127.0.0.1 works even on
     * a loopback that is down, and bringing {@code lo} up (as slirp4netns does) adds 127.0.0.1
     * itself, which makes bubblewrap's own attempt fail and the sandbox die.
     */
    private static void awaitLoopbackUp() throws IOException {
        long deadline = System.nanoTime() + LOOPBACK_WAIT_MS * 1_000_000;
        while (!loopbackUp()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the sandbox's loopback did not come up within " + LOOPBACK_WAIT_MS + " ms");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
    }

    /** SIOCGIFFLAGS on "lo", through a socket of this thread's (the namespace's) network. */
    private static boolean loopbackUp() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) NATIVE.socket().invokeExact(AF_INET, SOCK_DGRAM_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException("cannot open a socket in the sandbox's namespace");
            }
            try {
                var ifreq = arena.allocate(IFREQ_SIZE);
                ifreq.setString(0, "lo");
                int rc = (int) NATIVE.ioctl().invokeExact(fd, SIOCGIFFLAGS, ifreq);
                return rc == 0 && (ifreq.get(ValueLayout.JAVA_SHORT, IFNAMSIZ) & IFF_UP) != 0;
            } finally {
                close(fd);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
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
