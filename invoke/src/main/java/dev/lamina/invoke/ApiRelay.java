package dev.lamina.invoke;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries the connections an environment opens to its own 127.0.0.1 on the relay port to Lamina's
 * API, as bytes: a function in a network namespace of its own reaches Lamina's API (its SDK's
 * AWS_ENDPOINT_URL) this way, and no other port of the host. What it sends is a request like any
 * other's; Lamina's API authenticates it as such. Virtual threads: an idle relay holds no thread of
 * the host's, only one parked in accept.
 */
final class ApiRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRelay.class);
    private static final int BUFFER = 16 * 1024;
    /**
     * The most connections one environment may hold open through its relay: each costs Lamina two
     * sockets and two virtual threads, and an environment may open up to its 1,024 files. Beyond it a
     * connection is closed at once (the function's SDK sees a reset and retries).
     */
    static final int MAX_CONNECTIONS = 64;

    private final ServerSocketChannel listener;
    private final InetSocketAddress target;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(MAX_CONNECTIONS);

    private ApiRelay(ServerSocketChannel listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /** Starts accepting on {@code listener} (which it owns from now on) for {@code target}. */
    static ApiRelay start(ServerSocketChannel listener, String host, int port) {
        ApiRelay relay = new ApiRelay(listener, InetSocketAddress.createUnresolved(host, port));
        Thread.ofVirtual().name("lamina-api-relay").start(relay::acceptLoop);
        return relay;
    }

    private void acceptLoop() {
        while (listener.isOpen()) {
            try {
                SocketChannel inside = listener.accept();
                if (!slots.tryAcquire()) {
                    inside.close();
                    continue;
                }
                Thread.ofVirtual().name("lamina-api-relay-conn").start(() -> {
                    try {
                        carry(inside);
                    } finally {
                        slots.release();
                    }
                });
            } catch (IOException e) {
                if (listener.isOpen()) {
                    LOG.debug("the API relay stopped accepting", e);
                }
                return;
            }
        }
    }

    private void carry(SocketChannel inside) {
        open.add(inside);
        try (inside; SocketChannel lamina = SocketChannel.open(
                new InetSocketAddress(target.getHostString(), target.getPort()))) {
            open.add(lamina);
            Thread back = Thread.ofVirtual().start(() -> pump(lamina, inside));
            pump(inside, lamina);
            back.join();
            open.remove(lamina);
        } catch (IOException e) {
            LOG.debug("an API relay connection failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(inside);
        }
    }

    /** Copies until the end of {@code from}, then ends the output of {@code to} (half-close, as HTTP allows). */
    private static void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // The other side went away: closing both ends is left to carry().
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }

    /** Stops accepting and cuts every open connection. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing the API relay failed", e);
        }
        for (SocketChannel c : open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }
}
