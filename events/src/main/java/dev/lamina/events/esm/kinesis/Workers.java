package dev.lamina.events.esm.kinesis;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every virtual thread of one poller, so that closing it can wait for them, then interrupt them. */
final class Workers {
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    Thread start(String name, Runnable task) {
        Thread t = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                task.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        threads.add(t);
        t.start();
        return t;
    }

    /** Waits up to {@code wait} for every thread to end, then interrupts the rest and waits a little more. */
    void awaitEnd(Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        try {
            for (Thread t : Set.copyOf(threads)) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isPositive()) {
                    t.join(left);
                }
            }
            for (Thread t : Set.copyOf(threads)) {
                t.interrupt();
            }
            for (Thread t : Set.copyOf(threads)) {
                t.join(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
