package dev.lamina.sqs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Long polls, on the real clock: they wake when a message arrives, not when their wait ends. */
class LongPollTest {
    @TempDir
    Path dir;
    Sqs sqs;
    Queues queues;
    String arn = SqsFixture.arn("q");

    @BeforeEach
    void open() {
        sqs = Sqs.open(new SqsSettings(new dev.lamina.model.Region("us-east-1"), new dev.lamina.model.AccountId("000000000000"),
                dir, java.net.URI.create("http://localhost:9070")), InstantSource.system());
        ((dev.lamina.sqs.api.SqsOperations) sqs.api()).engine().create("q", Map.of("VisibilityTimeout", "1"), Map.of());
        queues = sqs.queues();
    }

    @AfterEach
    void close() {
        sqs.close();
    }

    private CompletableFuture<List<ReceivedMessage>> poll(Duration wait) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return queues.receive(arn, 10, Optional.empty(), wait);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aWaitingReceiveWakesWhenAMessageArrives() throws Exception {
        CompletableFuture<List<ReceivedMessage>> polling = poll(Duration.ofSeconds(20));
        Thread.sleep(200);
        assertThat(polling).isNotDone();
        queues.send(arn, OutgoingMessage.of("hello", Map.of()));
        // well before the 20 s wait ends
        assertThat(polling.get(10, TimeUnit.SECONDS)).extracting(ReceivedMessage::body).containsExactly("hello");
    }

    @Test
    void aWaitingReceiveWakesWhenAVisibilityTimeoutEnds() throws Exception {
        queues.send(arn, OutgoingMessage.of("hello", Map.of()));
        assertThat(queues.receive(arn, 10, Optional.empty(), Duration.ZERO)).hasSize(1);
        List<ReceivedMessage> again = poll(Duration.ofSeconds(20)).get(10, TimeUnit.SECONDS);
        assertThat(again).extracting(ReceivedMessage::body).containsExactly("hello");
    }

    @Test
    void aWaitWithNothingToReceiveAnswersEmpty() throws Exception {
        assertThat(poll(Duration.ofMillis(300)).get(10, TimeUnit.SECONDS)).isEmpty();
    }
}
