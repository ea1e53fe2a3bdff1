package dev.lamina.sqs;

import dev.lamina.model.ServiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FifoTest {
    @TempDir
    Path dir;
    TestClock clock = new TestClock();
    SqsFixture f;

    @BeforeEach
    void open() {
        f = new SqsFixture(dir, clock);
        f.create("q.fifo", Map.of("FifoQueue", "true"));
        f.create("cbd.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aGroupWithAMessageInFlightDeliversNothingMore() {
        f.sendFifo("q.fifo", "a1", "A", "1");
        f.sendFifo("q.fifo", "a2", "A", "2");
        f.sendFifo("q.fifo", "b1", "B", "3");
        ReceivedMessage a1 = f.receive("q.fifo", 1).get(0);
        assertThat(a1.body()).isEqualTo("a1");
        assertThat(f.receive("q.fifo", 10)).extracting(ReceivedMessage::body).containsExactly("b1");
        assertThat(f.receive("q.fifo", 10)).isEmpty();
        f.sqs.queues().delete(SqsFixture.arn("q.fifo"), a1.receiptHandle());
        assertThat(f.receive("q.fifo", 10)).extracting(ReceivedMessage::body).containsExactly("a2");
    }

    @Test
    void oneReceiveTakesSeveralMessagesOfAGroupInOrder() {
        for (int i = 0; i < 4; i++) {
            f.sendFifo("q.fifo", "a" + i, "A", "d" + i);
        }
        assertThat(f.receive("q.fifo", 3)).extracting(ReceivedMessage::body).containsExactly("a0", "a1", "a2");
        assertThat(f.receive("q.fifo", 3)).isEmpty();
    }

    @Test
    void aFailedMessageHoldsBackOnlyItsGroupUntilItComesBack() {
        for (int i = 0; i < 8; i++) {
            f.sendFifo("q.fifo", "a-" + i, "a", "a-" + i);
            f.sendFifo("q.fifo", "b-" + i, "b", "b-" + i);
        }
        java.util.List<String> seen = new java.util.ArrayList<>();
        boolean failedOnce = false;
        for (int round = 0; round < 20 && seen.size() < 17; round++) {
            java.util.List<ReceivedMessage> batch = f.receive("q.fifo", 4);
            if (batch.isEmpty()) {
                clock.advance(Duration.ofSeconds(30));
                continue;
            }
            boolean failing = false;
            for (ReceivedMessage m : batch) {
                seen.add(m.body());
                if (m.body().equals("a-3") && !failedOnce) {
                    failedOnce = true;
                    failing = true;
                }
                if (!(failing && m.body().startsWith("a-"))) {
                    f.sqs.queues().delete(SqsFixture.arn("q.fifo"), m.receiptHandle());
                }
            }
        }
        assertThat(seen.stream().filter(s -> s.startsWith("b-")).toList())
                .containsExactly("b-0", "b-1", "b-2", "b-3", "b-4", "b-5", "b-6", "b-7");
        assertThat(seen.stream().filter(s -> s.startsWith("a-")).toList())
                .containsExactly("a-0", "a-1", "a-2", "a-3", "a-3", "a-4", "a-5", "a-6", "a-7");
    }

    @Test
    void aMessageBackFromItsTimeoutComesFirstAgain() {
        f.sendFifo("q.fifo", "a1", "A", "1");
        f.sendFifo("q.fifo", "a2", "A", "2");
        f.receive("q.fifo", 1);
        clock.advance(Duration.ofSeconds(30));
        ReceivedMessage again = f.receive("q.fifo", 1).get(0);
        assertThat(again.body()).isEqualTo("a1");
        assertThat(again.attributes()).containsEntry("ApproximateReceiveCount", "2").containsEntry("MessageGroupId", "A");
    }

    @Test
    void aDuplicateWithinFiveMinutesIsAcceptedButNotEnqueued() {
        SentMessage first = f.sendFifo("q.fifo", "x", "A", "same");
        clock.advance(Duration.ofMinutes(4));
        SentMessage second = f.sendFifo("q.fifo", "x", "A", "same");
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(second.sequenceNumber()).isEqualTo(first.sequenceNumber());
        assertThat(f.attributes("q.fifo")).containsEntry("ApproximateNumberOfMessages", "1");
        clock.advance(Duration.ofMinutes(1));
        SentMessage third = f.sendFifo("q.fifo", "x", "A", "same");
        assertThat(third.messageId()).isNotEqualTo(first.messageId());
        assertThat(third.sequenceNumber().orElseThrow()).isGreaterThan(first.sequenceNumber().orElseThrow());
    }

    @Test
    void contentBasedDeduplicationUsesTheBodysSha256() {
        SentMessage first = f.sendFifo("cbd.fifo", "same body", "A", null);
        assertThat(f.sendFifo("cbd.fifo", "same body", "B", null).messageId()).isEqualTo(first.messageId());
        assertThat(f.sendFifo("cbd.fifo", "other body", "A", null).messageId()).isNotEqualTo(first.messageId());
        ReceivedMessage m = f.receive("cbd.fifo", 1).get(0);
        assertThat(m.attributes()).containsEntry("MessageDeduplicationId",
                java.util.HexFormat.of().formatHex(sha256("same body")));
    }

    @Test
    void theDeduplicationWindowSurvivesARestart() {
        SentMessage first = f.sendFifo("q.fifo", "x", "A", "same");
        f.reopen();
        assertThat(f.sendFifo("q.fifo", "x", "A", "same").messageId()).isEqualTo(first.messageId());
    }

    @Test
    void fifoRulesAreChecked() {
        String arn = SqsFixture.arn("q.fifo");
        assertThatThrownBy(() -> f.sqs.queues().send(arn, OutgoingMessage.of("x", Map.of())))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo("MissingParameter"));
        assertThatThrownBy(() -> f.sqs.queues().send(arn, new OutgoingMessage("x", Map.of(), Optional.of("g"), Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getMessage()).contains("ContentBasedDeduplication"));
        assertThatThrownBy(() -> f.sqs.queues().send(arn, new OutgoingMessage("x", Map.of(), Optional.of("g"), Optional.of("d"),
                Optional.of(Duration.ofSeconds(5))))).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.getMessage()).contains("DelaySeconds"));
        assertThat(f.attributes("q.fifo")).containsEntry("ApproximateNumberOfMessages", "0");
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
