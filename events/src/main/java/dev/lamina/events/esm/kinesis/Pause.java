package dev.lamina.events.esm.kinesis;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The waits of one poller, all cut short when it closes. */
final class Pause {
    private final CountDownLatch closing = new CountDownLatch(1);

    /** Waits {@code d}; throws InterruptedException at once when the poller is closing. */
    void sleep(Duration d) throws InterruptedException {
        if (closing.await(d.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new InterruptedException("the poller is closing");
        }
    }

    boolean closing() {
        return closing.getCount() == 0;
    }

    void close() {
        closing.countDown();
    }

    /** base × 2^(attempt-1), at most {@code max}: attempt 1 waits base. */
    static Duration backoff(Duration base, Duration max, int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration d = base.multipliedBy(factor);
        return d.compareTo(max) > 0 ? max : d;
    }
}
