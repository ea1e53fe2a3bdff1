package dev.lamina.sqs;

import dev.lamina.model.ServiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VisibilityTest {
    @TempDir
    Path dir;
    TestClock clock = new TestClock();
    SqsFixture f;

    @BeforeEach
    void open() {
        f = new SqsFixture(dir, clock);
        f.create("q", Map.of("VisibilityTimeout", "10"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aReceivedMessageIsHiddenUntilItsVisibilityTimeoutPasses() {
        f.send("q", "a");
        ReceivedMessage first = f.receive("q", 10).get(0);
        assertThat(f.receive("q", 10)).isEmpty();
        assertThat(f.attributes("q")).containsEntry("ApproximateNumberOfMessagesNotVisible", "1")
                .containsEntry("ApproximateNumberOfMessages", "0");
        clock.advance(Duration.ofSeconds(9));
        assertThat(f.receive("q", 10)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        ReceivedMessage again = f.receive("q", 10).get(0);
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.attributes()).containsEntry("ApproximateReceiveCount", "2");
        assertThat(again.receiptHandle()).isNotEqualTo(first.receiptHandle());
    }

    @Test
    void aDeletedMessageNeverComesBack() {
        f.send("q", "a");
        ReceivedMessage m = f.receive("q", 1).get(0);
        f.sqs.queues().delete(SqsFixture.arn("q"), m.receiptHandle());
        clock.advance(Duration.ofHours(1));
        assertThat(f.receive("q", 10)).isEmpty();
        // deleting again with the same handle is no error, as in SQS
        f.sqs.queues().delete(SqsFixture.arn("q"), m.receiptHandle());
    }

    @Test
    void aStaleHandleDeletesNothing() {
        f.send("q", "a");
        ReceivedMessage first = f.receive("q", 1).get(0);
        clock.advance(Duration.ofSeconds(10));
        f.receive("q", 1);
        f.sqs.queues().delete(SqsFixture.arn("q"), first.receiptHandle());
        assertThat(f.attributes("q")).containsEntry("ApproximateNumberOfMessagesNotVisible", "1");
    }

    @Test
    void visibilityChangesToZeroShowTheMessageAtOnce() {
        f.send("q", "a");
        ReceivedMessage m = f.receive("q", 1).get(0);
        f.sqs.queues().changeVisibility(SqsFixture.arn("q"), m.receiptHandle(), Duration.ZERO);
        assertThat(f.receive("q", 1)).hasSize(1);
    }

    @Test
    void visibilityChangesFollowAwsRules() {
        f.send("q", "a");
        ReceivedMessage m = f.receive("q", 1).get(0);
        String arn = SqsFixture.arn("q");
        assertThatThrownBy(() -> f.sqs.queues().changeVisibility(arn, m.receiptHandle(), Duration.ofSeconds(43_201)))
                .isInstanceOf(ServiceException.class).hasMessageContaining("VisibilityTimeout");
        clock.advance(Duration.ofHours(2));
        f.sqs.queues().changeVisibility(arn, f.receive("q", 1).get(0).receiptHandle(), Duration.ofHours(12));
        assertThatThrownBy(() -> f.sqs.queues().changeVisibility(arn, m.receiptHandle(), Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo("MessageNotInflight"));
        assertThatThrownBy(() -> f.sqs.queues().changeVisibility(arn, "garbage", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo("ReceiptHandleIsInvalid"));
    }

    @Test
    void theTwelveHourLimitCountsFromTheReceive() throws InterruptedException {
        f.send("q", "a");
        ReceivedMessage m = f.sqs.queues().receive(SqsFixture.arn("q"), 1, java.util.Optional.of(Duration.ofHours(2)), Duration.ZERO).get(0);
        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> f.sqs.queues().changeVisibility(SqsFixture.arn("q"), m.receiptHandle(), Duration.ofHours(12)))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getMessage()).contains("43200 seconds"));
        f.sqs.queues().changeVisibility(SqsFixture.arn("q"), m.receiptHandle(), Duration.ofHours(11));
    }

    @Test
    void receiveTakesAtMostMaxInSendOrder() {
        for (int i = 0; i < 15; i++) {
            f.send("q", "m" + i);
        }
        List<ReceivedMessage> got = f.receive("q", 10);
        assertThat(got).extracting(ReceivedMessage::body).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
        assertThat(f.receive("q", 10)).hasSize(5);
    }

    @Test
    void purgeRemovesEveryMessage() {
        f.send("q", "a");
        f.send("q", "b");
        f.receive("q", 1);
        f.engine().handles().purge("q");
        clock.advance(Duration.ofMinutes(1));
        assertThat(f.receive("q", 10)).isEmpty();
        assertThat(f.attributes("q")).containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
    }
}
