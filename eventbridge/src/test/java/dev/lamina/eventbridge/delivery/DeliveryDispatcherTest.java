package dev.lamina.eventbridge.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.target.RetryPolicy;
import dev.lamina.eventbridge.target.Target;
import dev.lamina.sqs.MessageAttribute;
import dev.lamina.sqs.OutgoingMessage;
import dev.lamina.sqs.QueueInfo;
import dev.lamina.sqs.Queues;
import dev.lamina.sqs.ReceivedMessage;
import dev.lamina.sqs.SentMessage;
import dev.lamina.store.events.EventLog;
import dev.lamina.store.events.QueuedTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryDispatcherTest {
    static final String RULE = "arn:aws:events:us-east-1:000000000000:rule/r";
    static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:q";
    static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:dlq";

    @TempDir
    Path dir;
    final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T12:00:00Z"));
    final RecordingQueues queues = new RecordingQueues();
    final List<Delivery> delivered = new CopyOnWriteArrayList<>();
    final List<TargetFailure> failures = new ArrayList<>();
    EventLog log;
    DeliveryDispatcher dispatcher;

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (log != null) {
            log.close();
        }
    }

    /** A target that fails with the queued failures first, then takes deliveries. */
    DeliveryDispatcher.TargetCall target() {
        return (delivery, id) -> {
            if (!failures.isEmpty()) {
                throw failures.removeFirst();
            }
            delivered.add(delivery);
            return List.of();
        };
    }

    void open(DeliveryDispatcher.TargetCall call) {
        log = EventLog.open(dir.resolve("eventbridge.db"));
        dispatcher = new DeliveryDispatcher(log, call, new DeadLetters(queues), new RetrySchedule(1, () -> 1.0), clock);
    }

    static Target target(String arn, int retries, Optional<String> dlq) {
        ObjectNode doc = Envelope.JSON.createObjectNode().put("Id", "t").put("Arn", arn);
        doc.putObject("RetryPolicy").put("MaximumRetryAttempts", retries).put("MaximumEventAgeInSeconds", 3600);
        dlq.ifPresent(d -> doc.putObject("DeadLetterConfig").put("Arn", d));
        return Target.of(doc);
    }

    Delivery delivery(Target target, String body) {
        return new Delivery(Delivery.Origin.RULE, RULE, target, body, clock.instant());
    }

    long store(Delivery d) {
        return log.add(List.of(DeliveryCodec.task(d)), clock.instant()).join().getFirst();
    }

    @Test
    void aDeliveryTheTargetTookLeavesTheLog() {
        open(target());
        long id = store(delivery(target(QUEUE, 3, Optional.empty()), "{\"a\":1}"));
        dispatcher.attempt(id);
        assertThat(delivered).extracting(Delivery::body).containsExactly("{\"a\":1}");
        assertThat(delivered.getFirst().target().retryPolicy()).isEqualTo(new RetryPolicy(3, Duration.ofHours(1)));
        assertThat(log.entries()).isEmpty();
    }

    @Test
    void aFailedAttemptIsCountedAndRetriedAfterTheBackoff() {
        open(target());
        long id = store(delivery(target(QUEUE, 3, Optional.of(DLQ)), "{}"));
        failures.add(TargetFailure.transientFailure("THROTTLING", "slow"));
        dispatcher.attempt(id);
        QueuedTask task = log.load(id).orElseThrow();
        assertThat(task.attempts()).isEqualTo(1);
        assertThat(task.dueAt()).isEqualTo(clock.instant().plusSeconds(1));
        assertThat(dispatcher.waiting()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        dispatcher.attempt(id);
        assertThat(delivered).hasSize(1);
        assertThat(queues.sent).isEmpty();
        assertThat(log.entries()).isEmpty();
    }

    @Test
    void whenRetriesRunOutTheDeadLetterQueueGetsTheBodyWithEventBridgesAttributes() {
        open(target());
        long id = store(delivery(target(QUEUE, 1, Optional.of(DLQ)), "{\"b\":2}"));
        failures.add(TargetFailure.transientFailure("THROTTLING", "slow"));
        failures.add(TargetFailure.transientFailure("THROTTLING", "slower"));
        dispatcher.attempt(id);
        clock.advance(Duration.ofSeconds(1));
        dispatcher.attempt(id);
        assertThat(delivered).isEmpty();
        assertThat(log.entries()).isEmpty();
        assertThat(queues.sent).hasSize(1);
        Sent dead = queues.sent.getFirst();
        assertThat(dead.arn()).isEqualTo(DLQ);
        assertThat(dead.message().body()).isEqualTo("{\"b\":2}");
        assertThat(strings(dead.message().attributes())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "RULE_ARN", RULE, "TARGET_ARN", QUEUE, "ERROR_CODE", "THROTTLING", "ERROR_MESSAGE", "slower",
                "EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts", "RETRY_ATTEMPTS", "1"));
    }

    @Test
    void aPermanentFailureIsNotRetriedAndCarriesNoExhaustedCondition() {
        open(target());
        long id = store(delivery(target(QUEUE, 185, Optional.of(DLQ)), "{}"));
        failures.add(TargetFailure.permanent("NO_PERMISSIONS", "not allowed"));
        dispatcher.attempt(id);
        assertThat(log.entries()).isEmpty();
        Map<String, String> attributes = strings(queues.sent.getFirst().message().attributes());
        assertThat(attributes).containsEntry("ERROR_CODE", "NO_PERMISSIONS").containsEntry("RETRY_ATTEMPTS", "0")
                .doesNotContainKey("EXHAUSTED_RETRY_CONDITION");
    }

    @Test
    void withoutADeadLetterQueueAGivenUpDeliveryIsDropped() {
        open(target());
        long id = store(delivery(target(QUEUE, 0, Optional.empty()), "{}"));
        failures.add(TargetFailure.transientFailure("THROTTLING", "slow"));
        dispatcher.attempt(id);
        assertThat(log.entries()).isEmpty();
        assertThat(queues.sent).isEmpty();
    }

    @Test
    void aScheduleDeliveryCarriesSchedulersDeadLetterAttributes() {
        open(target());
        String schedule = "arn:aws:scheduler:us-east-1:000000000000:schedule/default/s";
        Delivery d = new Delivery(Delivery.Origin.SCHEDULE, schedule, target(QUEUE, 0, Optional.of(DLQ)), "in",
                Instant.parse("2026-12-07T11:59:00.500Z"));
        failures.add(TargetFailure.permanent("NO_RESOURCE", "gone"));
        dispatcher.attempt(store(d));
        Map<String, String> attributes = strings(queues.sent.getFirst().message().attributes());
        assertThat(attributes).containsEntry("SCHEDULE_ARN", schedule).containsEntry("TARGET_ARN", QUEUE)
                .containsEntry("SCHEDULED_TIME", "2026-12-07T11:59:00Z").containsEntry("IS_PAYLOAD_TRUNCATED", "false")
                .containsKey("EXECUTION_ID").doesNotContainKey("RULE_ARN");
    }

    @Test
    void whatATargetLedToIsStoredWithTheRemovalAndDeliveredToo() {
        Target next = target(QUEUE, 0, Optional.empty());
        open((delivery, id) -> {
            if (delivery.body().equals("first")) {
                return List.of(delivery(next, "second"));
            }
            delivered.add(delivery);
            return List.of();
        });
        long id = store(delivery(target("arn:aws:events:us-east-1:000000000000:event-bus/b", 0, Optional.empty()),
                "first"));
        dispatcher.attempt(id);
        assertThat(log.entries()).hasSize(1);
        assertThat(log.entries().getFirst().id()).isNotEqualTo(id);
        dispatcher.attempt(log.entries().getFirst().id());
        assertThat(delivered).extracting(Delivery::body).containsExactly("second");
        assertThat(log.entries()).isEmpty();
    }

    @Test
    void deliveriesStoredBeforeAStopAreDeliveredAfterTheNextStart() throws Exception {
        open(target());
        store(delivery(target(QUEUE, 0, Optional.empty()), "one"));
        store(delivery(target(QUEUE, 0, Optional.empty()), "two"));
        dispatcher.close();
        log.close();
        open(target());
        for (EventLog.Entry e : log.entries()) {
            dispatcher.schedule(e.id(), e.dueAt());
        }
        dispatcher.start();
        within(Duration.ofSeconds(10), () -> delivered.size() == 2);
        assertThat(delivered).extracting(Delivery::body).containsExactlyInAnyOrder("one", "two");
        within(Duration.ofSeconds(10), () -> log.entries().isEmpty());
    }

    /** Waits (really: the dispatcher runs on its own threads) until {@code condition} holds. */
    static void within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", limit).isLessThan(end);
            Thread.sleep(20);
        }
    }

    static Map<String, String> strings(Map<String, MessageAttribute> attributes) {
        return attributes.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stringValue().orElseThrow()));
    }

    record Sent(String arn, OutgoingMessage message) {
    }

    static final class RecordingQueues implements Queues {
        final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public Optional<QueueInfo> byArn(String queueArn) {
            return Optional.empty();
        }

        @Override
        public SentMessage send(String queueArn, OutgoingMessage message) {
            sent.add(new Sent(queueArn, message));
            return new SentMessage("m", "", Optional.empty(), Optional.empty());
        }

        @Override
        public List<ReceivedMessage> receive(String queueArn, int max, Optional<Duration> visibility, Duration wait) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String queueArn, String receiptHandle) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void changeVisibility(String queueArn, String receiptHandle, Duration visibility) {
            throw new UnsupportedOperationException();
        }
    }

    static final class FakeClock extends Clock {
        private volatile Instant now;

        FakeClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
