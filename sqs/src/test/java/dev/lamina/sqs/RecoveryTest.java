package dev.lamina.sqs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryTest {
    @TempDir
    Path dir;
    TestClock clock = new TestClock();

    @Test
    void queuesMessagesAndReceiveCountsSurviveAReopen() {
        try (SqsFixture f = new SqsFixture(dir, clock)) {
            f.create("q", Map.of("VisibilityTimeout", "10"));
            f.engine().tags().add("q", Map.of("team", "a"));
            f.send("q", "kept");
            f.send("q", "in flight");
            f.send("q", "deleted");
            List<ReceivedMessage> got = f.receive("q", 3);
            f.sqs.queues().delete(SqsFixture.arn("q"), got.get(2).receiptHandle());
            f.sqs.queues().changeVisibility(SqsFixture.arn("q"), got.get(0).receiptHandle(), Duration.ZERO);
            f.reopen();
            assertThat(f.attributes("q")).containsEntry("VisibilityTimeout", "10")
                    .containsEntry("ApproximateNumberOfMessages", "1").containsEntry("ApproximateNumberOfMessagesNotVisible", "1");
            assertThat(f.engine().tags().of("q")).containsEntry("team", "a");
            clock.advance(Duration.ofSeconds(10));
            List<ReceivedMessage> again = f.receive("q", 10);
            assertThat(again).extracting(ReceivedMessage::body).containsExactly("kept", "in flight");
            assertThat(again).allSatisfy(m -> assertThat(m.attributes()).containsEntry("ApproximateReceiveCount", "2"));
            // a handle from before the restart still deletes its message
            f.sqs.queues().delete(SqsFixture.arn("q"), again.get(1).receiptHandle());
            f.reopen();
            clock.advance(Duration.ofSeconds(10));
            assertThat(f.receive("q", 10)).extracting(ReceivedMessage::body).containsExactly("kept");
        }
    }

    @Test
    void aDeletedQueueStaysDeleted() {
        try (SqsFixture f = new SqsFixture(dir, clock)) {
            f.create("q", Map.of());
            f.send("q", "x");
            f.engine().delete("q");
            f.create("q", Map.of());
            f.reopen();
            assertThat(f.receive("q", 10)).isEmpty();
        }
    }

    @Test
    void whatWasAcknowledgedIsThereWhenTheWriterWasAbandoned() {
        SqsFixture first = new SqsFixture(dir, clock);
        first.create("q", Map.of());
        for (int i = 0; i < 20; i++) {
            first.send("q", "m" + i);
        }
        // never closed: a second service opens the files as they are after a crash
        SqsFixture second = new SqsFixture(dir, clock);
        try {
            assertThat(second.attributes("q")).containsEntry("ApproximateNumberOfMessages", "20");
        } finally {
            second.close();
            first.close();
        }
    }

    @Test
    void aTornTailOfTheLogLosesNothingAcknowledged() throws IOException {
        Path copy = dir.resolve("copy");
        try (SqsFixture f = new SqsFixture(dir.resolve("live"), clock)) {
            f.create("q", Map.of());
            for (int i = 0; i < 50; i++) {
                f.send("q", "m" + i);
            }
            // the files as a power cut would leave them, then half a frame of garbage after the last commit
            // (the log first: no write follows, so a checkpoint meanwhile leaves it whole and the file consistent)
            Files.createDirectories(copy);
            for (String name : new String[] {"sqs.db-wal", "sqs.db"}) {
                Files.copy(dir.resolve("live").resolve(name), copy.resolve(name));
            }
            Files.write(copy.resolve("sqs.db-wal"), new byte[2000], StandardOpenOption.APPEND);
        }
        try (SqsFixture f = new SqsFixture(copy, clock)) {
            assertThat(f.receive("q", 10)).hasSize(10);
            assertThat(f.attributes("q")).containsEntry("ApproximateNumberOfMessagesNotVisible", "10")
                    .containsEntry("ApproximateNumberOfMessages", "40");
        }
    }
}
