package dev.lamina.sqs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Many senders and receivers at once, on the real clock: every message is delivered, deleted once, and stays deleted. */
class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void concurrentSendersAndReceiversLoseAndDuplicateNothing() throws Exception {
        int senders = 6;
        int perSender = 150;
        Set<String> deleted = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        try (SqsFixture f = new SqsFixture(dir, InstantSource.system())) {
            f.create("q", Map.of("VisibilityTimeout", "60"));
            String arn = SqsFixture.arn("q");
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> work = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perSender; i++) {
                        f.sqs.queues().send(arn, OutgoingMessage.of(sender + "-" + i, Map.of()));
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 6; r++) {
                work.add(pool.submit(() -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (deleted.size() < senders * perSender && System.nanoTime() < deadline) {
                        for (ReceivedMessage m : f.sqs.queues().receive(arn, 10, Optional.empty(), Duration.ofMillis(200))) {
                            f.sqs.queues().delete(arn, m.receiptHandle());
                            if (!deleted.add(m.body())) {
                                duplicates.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : work) {
                w.get(90, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(deleted).hasSize(senders * perSender);
            assertThat(duplicates).hasValue(0);
            f.reopen();
            assertThat(f.attributes("q")).containsEntry("ApproximateNumberOfMessages", "0")
                    .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
        }
    }
}
