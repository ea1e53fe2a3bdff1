package dev.lamina.sqs;

import dev.lamina.model.ServiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedriveTest {
    @TempDir
    Path dir;
    TestClock clock = new TestClock();
    SqsFixture f;

    @BeforeEach
    void open() {
        f = new SqsFixture(dir, clock);
        f.create("dlq", Map.of());
        f.create("src", Map.of("VisibilityTimeout", "5",
                "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + SqsFixture.arn("dlq") + "\",\"maxReceiveCount\":\"3\"}"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aPoisonMessageIsSeenExactlyMaxReceiveCountTimesThenMovesUnchanged() {
        SentMessage sent = f.send("src", "poison");
        int seen = 0;
        for (int i = 0; i < 6; i++) {
            seen += f.receive("src", 10).size();
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(seen).isEqualTo(3);
        ReceivedMessage moved = f.receive("dlq", 10).get(0);
        assertThat(moved.messageId()).isEqualTo(sent.messageId());
        assertThat(moved.body()).isEqualTo("poison");
        assertThat(moved.attributes()).containsEntry("DeadLetterQueueSourceArn", SqsFixture.arn("src"));
        assertThat(f.engine().deadLetterSources("dlq")).containsExactly("src");
    }

    @Test
    void theRedrivePolicyIsCanonicalAndChecked() {
        assertThat(f.attributes("src").get("RedrivePolicy"))
                .isEqualTo("{\"deadLetterTargetArn\":\"" + SqsFixture.arn("dlq") + "\",\"maxReceiveCount\":3}");
        assertThatThrownBy(() -> f.create("bad", Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + SqsFixture.arn("nope") + "\",\"maxReceiveCount\":3}")))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> f.create("bad2", Map.of("RedrivePolicy", "{\"maxReceiveCount\":3}")))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.getMessage()).contains("deadLetterTargetArn"));
        assertThat(f.engine().exists("bad")).isFalse();
    }

    @Test
    void aRedriveAllowPolicyOfDenyAllRefusesSources() {
        f.engine().setAttributes("dlq", Map.of("RedriveAllowPolicy", "{\"redrivePermission\":\"denyAll\"}"));
        assertThatThrownBy(() -> f.create("other", Map.of("RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + SqsFixture.arn("dlq") + "\",\"maxReceiveCount\":3}")))
                .isInstanceOf(ServiceException.class);
        f.engine().setAttributes("dlq", Map.of("RedriveAllowPolicy",
                "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"" + SqsFixture.arn("other") + "\"]}"));
        f.create("other", Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + SqsFixture.arn("dlq") + "\",\"maxReceiveCount\":3}"));
    }

    @Test
    void aMoveTaskReturnsMessagesToTheirSourceQueue() throws Exception {
        f.send("src", "m");
        for (int i = 0; i < 4; i++) {
            f.receive("src", 10);
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(f.attributes("dlq")).containsEntry("ApproximateNumberOfMessages", "1");
        f.engine().moveTasks().start(SqsFixture.arn("dlq"), java.util.Optional.empty(), java.util.Optional.empty());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!f.engine().moveTasks().list(SqsFixture.arn("dlq"), 1).get(0).status().equals(MoveTasks.Status.COMPLETED)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(f.engine().moveTasks().list(SqsFixture.arn("dlq"), 1).get(0).moved()).isEqualTo(1);
        ReceivedMessage back = f.receive("src", 10).get(0);
        assertThat(back.body()).isEqualTo("m");
        assertThat(back.attributes()).containsEntry("ApproximateReceiveCount", "1");
    }
}
