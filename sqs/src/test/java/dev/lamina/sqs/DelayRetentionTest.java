package dev.lamina.sqs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DelayRetentionTest {
    @TempDir
    Path dir;
    TestClock clock = new TestClock();
    SqsFixture f;

    @BeforeEach
    void open() {
        f = new SqsFixture(dir, clock);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aQueuesDelayHidesNewMessages() {
        f.create("q", Map.of("DelaySeconds", "20"));
        f.send("q", "a");
        assertThat(f.receive("q", 1)).isEmpty();
        assertThat(f.attributes("q")).containsEntry("ApproximateNumberOfMessagesDelayed", "1");
        clock.advance(Duration.ofSeconds(20));
        assertThat(f.receive("q", 1)).hasSize(1);
    }

    @Test
    void aMessagesOwnDelayOverridesTheQueues() {
        f.create("q", Map.of("DelaySeconds", "20"));
        f.sqs.queues().send(SqsFixture.arn("q"), new OutgoingMessage("a", Map.of(), Optional.empty(), Optional.empty(),
                Optional.of(Duration.ZERO)));
        assertThat(f.receive("q", 1)).hasSize(1);
    }

    @Test
    void messagesExpireAfterTheRetentionPeriod() {
        f.create("q", Map.of("MessageRetentionPeriod", "60"));
        f.send("q", "a");
        f.send("q", "b");
        f.receive("q", 1);
        clock.advance(Duration.ofSeconds(60));
        assertThat(f.receive("q", 10)).isEmpty();
        assertThat(f.attributes("q")).containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
    }
}
